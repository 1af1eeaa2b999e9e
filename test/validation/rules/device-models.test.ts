import { issuesOf, vm } from './rule-fixtures';
import { deviceModels } from '../../../src/validation/rules/device-models';

const at = 'error device-models VirtualMachine web spec.template.spec.domain.devices';
const withDevices = (patch: (devices: any) => void) => [vm('web', (s) => patch(s.domain.devices))];

describe('rule device-models', () => {
  test('fires on a keyboard input device', () => {
    expect(issuesOf(deviceModels, withDevices((d) => { d.inputs = [{ name: 'kbd', type: 'keyboard', bus: 'usb' }]; }))).toEqual([
      `${at}.inputs[0].type: VirtualMachine "mq/web" has input device "kbd" of type "keyboard", and KubeVirt offers only "tablet": use type "tablet"`,
    ]);
  });

  test('fires on a sound device without name', () => {
    expect(issuesOf(deviceModels, withDevices((d) => { d.sound = { model: 'ich9' }; }))).toEqual([
      `${at}.sound: VirtualMachine "mq/web" has a sound device without name, which KubeVirt requires: name it (e.g. "audio")`,
    ]);
  });

  test('fires on video without a graphics device', () => {
    expect(issuesOf(deviceModels, withDevices((d) => { d.video = { type: 'virtio' }; d.autoattachGraphicsDevice = false; }))).toEqual([
      `${at}.video: VirtualMachine "mq/web" has a video configuration and autoattachGraphicsDevice: false, which KubeVirt refuses (there is no graphics device to configure): remove one of them`,
    ]);
  });

  test('fires on two GPUs showing ramfb displays', () => {
    const gpu = (name: string) => ({ name, deviceName: 'nvidia.com/GRID_T4-1Q', virtualGPUOptions: { display: {} } });
    expect(issuesOf(deviceModels, withDevices((d) => { d.gpus = [gpu('a'), gpu('b')]; }))).toEqual([
      `${at}.gpus: VirtualMachine "mq/web" has 2 GPUs with a ramfb display ("a", "b"), and KubeVirt allows one: set display.ramFB.enabled: false on all but one`,
    ]);
  });

  test('stays quiet on a tablet, a named sound device, a pvpanic device, video, and one ramfb display', () => {
    expect(issuesOf(deviceModels, withDevices((d) => {
      Object.assign(d, {
        inputs: [{ name: 'tablet', type: 'tablet', bus: 'usb' }],
        sound: { name: 'audio', model: 'ac97' },
        panicDevices: [{ model: 'pvpanic' }],
        video: { type: 'virtio' },
        gpus: [{ name: 'a', deviceName: 'x', virtualGPUOptions: { display: {} } }, { name: 'b', deviceName: 'x', virtualGPUOptions: { display: { ramFB: { enabled: false } } } }],
      });
    }))).toEqual([]);
  });
});
