import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';

const SERIAL = /^[A-Za-z0-9_.+-]+$/;
const MAX_SERIAL_LENGTH = 256;
const IO_MODES = ['native', 'threads'];
const ERROR_POLICIES = ['stop', 'ignore', 'report', 'enospace'];
const MIN_BLOCK = 512;
const MAX_BLOCK = 2 * 1024 * 1024;

interface Problem {
  readonly field: string;
  readonly problem: string;
}

const quoted = (values: string[]): string => values.map((v) => show(v)).join(', ');

function serialAndModeProblems(disk: KubeObject): Problem[] {
  const problems: Problem[] = [];
  const serial = disk.serial;
  if (typeof serial === 'string' && serial !== '') {
    if (!SERIAL.test(serial)) problems.push({ field: 'serial', problem: `serial ${show(serial)}, which KubeVirt refuses: use only letters, digits, '_', '.', '+' and '-'` });
    else if ([...serial].length > MAX_SERIAL_LENGTH) problems.push({ field: 'serial', problem: `a serial of ${[...serial].length} characters, which KubeVirt refuses (at most ${MAX_SERIAL_LENGTH}): shorten it` });
  }
  if (typeof disk.io === 'string' && disk.io !== '' && !IO_MODES.includes(disk.io)) {
    problems.push({ field: 'io', problem: `io mode ${show(disk.io)}, which KubeVirt does not support: use ${quoted(IO_MODES)}, or leave io out` });
  }
  if (typeof disk.errorPolicy === 'string' && !ERROR_POLICIES.includes(disk.errorPolicy)) {
    problems.push({ field: 'errorPolicy', problem: `errorPolicy ${show(disk.errorPolicy)}, which KubeVirt does not know: use one of ${quoted(ERROR_POLICIES)}, or leave errorPolicy out` });
  }
  return problems;
}

function sizeProblem(which: string, size: number): Problem | undefined {
  const field = `blockSize.custom.${which}`;
  if (size < MIN_BLOCK || size > MAX_BLOCK || !Number.isInteger(Math.log2(size))) {
    return { field, problem: `a ${which} block size of ${size}, which KubeVirt refuses: use a power of 2 from ${MIN_BLOCK} to ${MAX_BLOCK}` };
  }
  return undefined;
}

/** The custom block size checks, in KubeVirt's order (it reports the first that applies). */
function blockSizeProblems(disk: KubeObject, bus: unknown): Problem[] {
  const blockSize = disk.blockSize;
  const custom = blockSize?.custom;
  if (typeof custom !== 'object' || custom === null) return [];
  const matchVolume = blockSize.matchVolume;
  if (typeof matchVolume === 'object' && matchVolume !== null && matchVolume.enabled !== false) {
    return [{ field: 'blockSize', problem: 'both blockSize.matchVolume and blockSize.custom, which KubeVirt refuses: keep one' }];
  }
  const logical = typeof custom.logical === 'number' ? custom.logical : 0;
  const physical = typeof custom.physical === 'number' ? custom.physical : 0;
  if (logical > physical) {
    return [{ field: 'blockSize.custom.logical', problem: `a logical block size of ${logical} above its physical block size of ${physical}, which KubeVirt refuses: make logical at most physical` }];
  }
  if (bus === 'sata' && logical !== MIN_BLOCK) {
    return [{ field: 'blockSize.custom.logical', problem: `a logical block size of ${logical} on bus "sata", which emulates only ${MIN_BLOCK}: use ${MIN_BLOCK}, or bus "virtio" or "scsi"` }];
  }
  const discard = custom.discardGranularity;
  if (typeof discard === 'number' && logical !== 0 && discard % logical !== 0) {
    return [{ field: 'blockSize.custom.discardGranularity', problem: `a discard granularity of ${discard}, not a multiple of its logical block size ${logical}, which KubeVirt refuses: use a multiple of ${logical}` }];
  }
  return [sizeProblem('logical', logical), sizeProblem('physical', physical)].filter((p): p is Problem => p !== undefined);
}

/** A disk's serial, io mode, error policy and custom block size are what KubeVirt accepts. */
export const diskOptions: Rule = {
  id: 'disk-options',
  order: 1215,
  summary: 'a disk\'s serial (letters, digits, `_.+-`, at most 256), io mode, error policy and custom block size (powers of 2 from 512 to 2 MiB, logical ≤ physical) are what KubeVirt\'s disk admission accepts',
  // Upstream functions: validateSerialNumValue, validateSerialNumLength, validateIOMode, validateErrorPolicy, validateBlockSize.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/storage/admitters/disks.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      const disks: unknown[] = listOf(vm.spec.domain?.devices?.disks);
      disks.forEach((disk: any, position) => {
        if (typeof disk !== 'object' || disk === null) return; // the schema reports it
        // Most disks set none of the options: nothing to judge, no lists made.
        if (disk.serial === undefined && disk.io === undefined && disk.errorPolicy === undefined && disk.blockSize === undefined) return;
        const bus = disk.disk?.bus ?? disk.lun?.bus ?? disk.cdrom?.bus;
        for (const { field, problem } of [...serialAndModeProblems(disk), ...blockSizeProblems(disk, bus)]) {
          context.error(index, `${vm.specPath}.domain.devices.disks[${position}].${field}`, `disk ${show(disk.name)} of ${holder} has ${problem}`);
        }
      });
    }
  },
};
