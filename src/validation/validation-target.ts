// Which KubeVirt release objects are judged against: its schemas (schemas/ or schemas/releases/)
// and the API versions it serves (their served-versions.json, written by schemas:upstream).
import { show } from '../common/errors';

/** A KubeVirt minor release whose schemas this package ships. */
export type KubeVirtRelease = '1.9' | '1.8' | '1.7';

/** The KubeVirt minors validation can target, newest first (the newest is the default). */
export const KUBEVIRT_RELEASES: readonly KubeVirtRelease[] = ['1.9', '1.8', '1.7'];

/**
 * The release validation judges against. CDI and the HyperConverged operator follow the release
 * set schemas/README.md records for the KubeVirt minor (1.9: CDI v1.66.0, HCO v1.18.1; 1.8: KubeVirt
 * v1.8.4, CDI v1.65.0, HCO v1.18.1; 1.7: KubeVirt v1.7.4, CDI v1.64.0, HCO v1.17.3), as an HCO
 * release ships them together; core Kubernetes kinds stay on the Kubernetes 1.32 definitions.
 */
export interface ValidationTarget {
  /**
   * The KubeVirt minor release: `'1.9'`, `'1.8'` or `'1.7'` (`'v1.8'` is read as `'1.8'`).
   * @default '1.9' (the newest stable release)
   */
  readonly kubevirt?: KubeVirtRelease;
}

/** The folder of a release's schemas, relative to the package's schemas/ (the newest is schemas/ itself). */
export function releaseFolderOf(release: KubeVirtRelease): string {
  return release === KUBEVIRT_RELEASES[0] ? '' : `releases/kubevirt-v${release}.x`;
}

/** What is wrong with a target (a KubeVirt release this package has no schemas for), or undefined. */
export function targetProblem(target: ValidationTarget | undefined): string | undefined {
  if (target === undefined || target.kubevirt === undefined) return undefined;
  const value: unknown = target.kubevirt;
  if (typeof value === 'string' && (KUBEVIRT_RELEASES as readonly string[]).includes(value.replace(/^v/, ''))) return undefined;
  return `target kubevirt ${show(value)} is not a KubeVirt release this package has schemas for: use ${KUBEVIRT_RELEASES.map((r) => show(r)).join(', ')} (the minor release, e.g. "1.8")`;
}

/** The KubeVirt minor a target names (the newest when it names none). Throws on a release this package lacks. */
export function kubevirtReleaseOf(target: ValidationTarget | undefined): KubeVirtRelease {
  const problem = targetProblem(target);
  if (problem) throw new Error(problem);
  return (target?.kubevirt?.replace(/^v/, '') as KubeVirtRelease | undefined) ?? KUBEVIRT_RELEASES[0];
}
