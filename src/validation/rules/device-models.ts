import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { Rule, RuleSource } from '../rule';

interface Problem {
  readonly field: string;
  readonly problem: string;
}

const INPUT_BUSES = ['virtio', 'usb'];
const SOUND_MODELS = ['ich9', 'ac97'];
const PANIC_MODELS = ['hyperv', 'isa', 'pvpanic'];
const list = (value: unknown): any[] => (listOf(value));
// The device fields this rule reads.
const DEVICE_FIELDS = ['inputs', 'sound', 'panicDevices', 'video', 'gpus'];
const quoted = (values: string[]): string => values.map((v) => show(v)).join(', ');

function inputProblems(devices: any): Problem[] {
  return list(devices.inputs).flatMap((input, position) => {
    const problems: Problem[] = [];
    if (typeof input?.bus === 'string' && input.bus !== '' && !INPUT_BUSES.includes(input.bus)) {
      problems.push({ field: `inputs[${position}].bus`, problem: `input device ${show(input.name)} on bus ${show(input.bus)}, and KubeVirt allows only ${quoted(INPUT_BUSES)}: use one of those, or leave bus out` });
    }
    if (input?.type !== 'tablet') {
      problems.push({ field: `inputs[${position}].type`, problem: `input device ${show(input?.name)} of type ${show(input?.type)}, and KubeVirt offers only "tablet": use type "tablet"` });
    }
    return problems;
  });
}

function soundProblems(sound: any): Problem[] {
  if (typeof sound !== 'object' || sound === null) return [];
  const problems: Problem[] = [];
  if (typeof sound.model === 'string' && sound.model !== '' && !SOUND_MODELS.includes(sound.model)) {
    problems.push({ field: 'sound.model', problem: `sound model ${show(sound.model)}, and KubeVirt supports only ${quoted(SOUND_MODELS)}: use one of those, or leave model out` });
  }
  if (typeof sound.name !== 'string' || sound.name === '') problems.push({ field: 'sound', problem: 'a sound device without name, which KubeVirt requires: name it (e.g. "audio")' });
  return problems;
}

/** GPUs that show a display through ramfb (display on, ramfb not turned off); the guest has one ramfb. */
function ramfbGpus(devices: any): string[] {
  return list(devices.gpus).filter((gpu) => {
    const display = gpu?.virtualGPUOptions?.display;
    return typeof display === 'object' && display !== null && display.enabled !== false
      && (display.ramFB === undefined || display.ramFB === null || display.ramFB.enabled === true);
  }).map((gpu) => show(gpu?.name));
}

function otherProblems(devices: any): Problem[] {
  const problems: Problem[] = [];
  list(devices.panicDevices).forEach((panic, position) => {
    if (panic?.model !== undefined && panic?.model !== null && !PANIC_MODELS.includes(panic.model)) {
      problems.push({ field: `panicDevices[${position}].model`, problem: `panic device model ${show(panic.model)}, and KubeVirt knows only ${quoted(PANIC_MODELS)}: use one of those` });
    }
  });
  if (devices.video !== undefined && devices.video !== null && devices.autoattachGraphicsDevice === false) {
    problems.push({ field: 'video', problem: 'a video configuration and autoattachGraphicsDevice: false, which KubeVirt refuses (there is no graphics device to configure): remove one of them' });
  }
  const ramfb = ramfbGpus(devices);
  if (ramfb.length > 1) problems.push({ field: 'gpus', problem: `${ramfb.length} GPUs with a ramfb display (${ramfb.join(', ')}), and KubeVirt allows one: set display.ramFB.enabled: false on all but one` });
  return problems;
}

/** A VM's input, sound, panic, video and GPU display devices are models KubeVirt offers. */
export const deviceModels: Rule = {
  id: 'device-models',
  order: 1275,
  summary: 'input devices are tablets on virtio or usb, a sound device is named and ich9 or ac97, panic devices are hyperv, isa or pvpanic, video only with a graphics device, and at most one GPU shows a ramfb display, as KubeVirt\'s VMI admission requires',
  // Upstream functions: validateInputDevices, validateSoundDevices, validatePanicDevices, validateVideoConfig, validateMDEVRamFB.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      const devices = vm.spec.domain?.devices;
      if (typeof devices !== 'object' || devices === null) continue;
      // Most VMs have none of these devices: nothing to judge, no lists made.
      if (DEVICE_FIELDS.every((field) => devices[field] === undefined || devices[field] === null)) continue;
      for (const { field, problem } of [...inputProblems(devices), ...soundProblems(devices.sound), ...otherProblems(devices)]) {
        context.error(index, `${vm.specPath}.domain.devices.${field}`, `${holder} has ${problem}`);
      }
    }
  },
};
