import * as path from 'path';
import { show } from '../../common/errors';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

// Every volume source KubeVirt v1.9 counts; a volume has exactly one.
const SOURCES = [
  'persistentVolumeClaim', 'sysprep', 'cloudInitNoCloud', 'cloudInitConfigDrive', 'containerDisk', 'ephemeral',
  'emptyDisk', 'hostDisk', 'dataVolume', 'configMap', 'secret', 'downwardAPI', 'serviceAccount', 'downwardMetrics',
  'memoryDump', 'containerPath',
];
// Sources KubeVirt allows once per VM.
const SINGLE_SOURCES = ['serviceAccount', 'downwardMetrics', 'memoryDump'];
// The name each source needs, where KubeVirt checks it.
const REQUIRED_NAMES: Record<string, string> = { dataVolume: 'name', configMap: 'name', secret: 'secretName', serviceAccount: 'serviceAccountName' };

const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/** Why a container disk's path is refused: KubeVirt wants a clean absolute file path. */
function containerDiskPathProblem(file: string): string | undefined {
  if (file === '/') return 'points to the root folder: give the path of the image file in the container';
  const cleaned = path.posix.normalize(path.posix.join('/', file)).replace(/(.)\/+$/, '$1');
  if (cleaned !== file.replace(/\/+$/, '')) return `is not a clean absolute path: write it as ${show(cleaned)}`;
  return undefined;
}

/** The sources set on a volume, in SOURCES order (usually one: counted without a list first). */
function sourcesOf(volume: KubeObject): string[] {
  let count = 0;
  let one = '';
  for (const source of SOURCES) {
    if (!isSet(volume[source])) continue;
    count++;
    one = source;
  }
  return count === 1 ? [one] : SOURCES.filter((s) => isSet(volume[s]));
}

/** The field path of the VM's volumes, or of the one at `position` (built for an issue only). */
const volumesAt = (specPath: string, position?: number): string => (position === undefined ? `${specPath}.volumes` : `${specPath}.volumes[${position}]`);

function checkVolume(context: RuleContext, index: number, holder: string, volume: KubeObject, specPath: string, position: number): void {
  const at = (): string => volumesAt(specPath, position);
  const what = (): string => `volume ${show(volume.name)} of ${holder}`;
  const sources = sourcesOf(volume);
  if (sources.length !== 1) {
    const found = sources.length === 0 ? 'no source' : `${sources.length} sources (${sources.join(', ')})`;
    const fix = sources.length === 0 ? 'add one (persistentVolumeClaim, dataVolume, containerDisk, cloudInitNoCloud, ...)' : `keep one of ${sources.join(', ')}`;
    context.error(index, at(), `${what()} has ${found}, and KubeVirt requires exactly one: ${fix}`);
  }
  for (const source of sources) {
    const field = REQUIRED_NAMES[source];
    if (field && (typeof volume[source]?.[field] !== 'string' || volume[source][field] === '')) {
      context.error(index, `${at()}.${source}.${field}`, `${what()} has a ${source} source without ${field}, which KubeVirt requires: name the ${source === 'dataVolume' ? 'DataVolume' : source} it uses`);
    }
  }
  const image = volume.containerDisk?.path;
  const problem = typeof image === 'string' && image !== '' ? containerDiskPathProblem(image) : undefined;
  if (problem) context.error(index, `${at()}.containerDisk.path`, `${what()} has containerDisk path ${show(image)}, which KubeVirt refuses: it ${problem}`);
}

const isVolume = (value: any, position: number, volumes: unknown[]): boolean => position in volumes && typeof value === 'object' && value !== null;

/** The position of the first volume before `position` with this name (as a Map compares keys), or undefined. */
function firstNamed(volumes: any[], position: number, name: unknown): number | undefined {
  for (let i = 0; i < position; i++) {
    const other = volumes[i];
    if (isVolume(other, i, volumes) && (other.name === name || (Number.isNaN(other.name) && Number.isNaN(name)))) return i;
  }
  return undefined;
}

function checkVolumes(context: RuleContext, index: number, holder: string, volumes: any[], specPath: string): void {
  // Plain loops and a scan for names (a VM has a few volumes): no closure or Map per VM of a fleet.
  for (let position = 0; position < volumes.length; position++) {
    const volume = volumes[position];
    if (!isVolume(volume, position, volumes)) continue; // the schema reports it (holes are skipped, as forEach skips them)
    const first = firstNamed(volumes, position, volume.name);
    if (first !== undefined) {
      context.error(index, `${volumesAt(specPath, position)}.name`, `volume ${show(volume.name)} of ${holder} is declared twice (volumes[${first}] and volumes[${position}]), which KubeVirt refuses: rename one (and its disk), or remove the copy`);
    }
    checkVolume(context, index, holder, volume, specPath, position);
  }
  for (const source of SINGLE_SOURCES) {
    let count = 0;
    for (let i = 0; i < volumes.length; i++) if (isSet(volumes[i]?.[source])) count++;
    if (count > 1) context.error(index, volumesAt(specPath), `${holder} has ${count} ${source} volumes, and KubeVirt allows at most one: keep one`);
  }
}

/** A VM's volumes have unique names and exactly one source each, with the names their sources need. */
export const volumeSources: Rule = {
  id: 'volume-sources',
  order: 1220,
  summary: 'a VM\'s volumes have unique names and exactly one source each (with its name set; at most one serviceAccount, downwardMetrics and memoryDump volume; a clean absolute containerDisk path), as KubeVirt\'s VMI admission requires',
  // Upstream functions: validateVolumes (and ValidateContainerDisks, ValidatePath in pkg/storage/admitters/disks.go).
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      if (Array.isArray(vm.spec.volumes)) checkVolumes(context, index, holder, vm.spec.volumes, vm.specPath);
    }
  },
};
