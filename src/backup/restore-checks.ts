import { IConstruct } from 'constructs';
import { optionalString, stringMap } from './inputs';
import { constructError, show } from '../common/errors';
import { dnsSubdomainProblem } from '../common/names';

/**
 * The rules KubeVirt's restore webhook applies to a VirtualMachineRestore's overrides and
 * patches (pkg/storage/admitters/vmrestore.go, v1.9.0), checked before anything is applied.
 */

/** Changes to one restored volume: its claim's name, labels or annotations. */
export interface VolumeRestoreOverride {
  /** The VM volume (as named in the VM's `volumes`) whose restored claim this changes. */
  readonly volumeName: string;
  /**
   * Name of the restored claim.
   * @default - named by the restore's volumeRestorePolicy
   */
  readonly restoreName?: string;
  /**
   * Labels of the restored claim.
   * @default - the snapshotted claim's
   */
  readonly labels?: Record<string, string>;
  /**
   * Annotations of the restored claim.
   * @default - the snapshotted claim's
   */
  readonly annotations?: Record<string, string>;
}

/** Checks the overrides as the restore webhook does, and copies them. */
export function checkOverrides(scope: IConstruct, overrides: readonly VolumeRestoreOverride[] | undefined): VolumeRestoreOverride[] | undefined {
  if (overrides === undefined) return undefined;
  if (!Array.isArray(overrides)) throw constructError(scope, `volumeRestoreOverrides ${show(overrides)} must be a list of { volumeName, restoreName, labels, annotations }`);
  const seen = new Set<string>();
  return overrides.map((override, index) => {
    const at = `volumeRestoreOverrides[${index}]`;
    if (override === null || typeof override !== 'object') throw constructError(scope, `${at} ${show(override)} must be an object with volumeName`);
    const volumeName = optionalString(scope, `${at}.volumeName`, override.volumeName);
    if (volumeName === undefined) throw constructError(scope, `${at}: volumeName is missing: name the VM volume whose restored claim this changes`);
    if (seen.has(volumeName)) throw constructError(scope, `${at}: volume ${show(volumeName)} has an override already: merge the two`);
    seen.add(volumeName);
    const restoreName = optionalString(scope, `${at}.restoreName`, override.restoreName);
    const nameProblem = restoreName === undefined ? undefined : dnsSubdomainProblem(restoreName);
    if (nameProblem) throw constructError(scope, `${at}.restoreName ${show(restoreName)} ${nameProblem}`);
    const labels = stringMap(scope, `${at}.labels`, override.labels);
    const annotations = stringMap(scope, `${at}.annotations`, override.annotations);
    if (restoreName === undefined && labels === undefined && annotations === undefined) {
      throw constructError(scope, `${at} for volume ${show(volumeName)} changes nothing: give restoreName, labels or annotations (KubeVirt refuses an empty override), or drop it`);
    }
    return { volumeName, restoreName, labels, annotations };
  });
}
