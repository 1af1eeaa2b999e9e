import { show } from '../../common/errors';
import { Rule, RuleSource } from '../rule';
import type { ObjectView } from '../rule-context';
import { SchemaStore, ServedVersion, ServedVersions, splitApiVersion } from '../schema-store';
import { IssueSeverity } from '../validation-report';
import { KUBEVIRT_RELEASES, KubeVirtRelease, kubevirtReleaseOf } from '../validation-target';

/**
 * Kinds every served version of which is deprecated: what replaces the kind itself. KubeVirt v1.9.0
 * deprecates both preset versions "to be removed in v2" (pkg/virt-operator/resource/generate/components/crds.go,
 * NewPresetCrd) in favour of instance types and preferences.
 */
const KIND_REPLACEMENTS: Readonly<Record<string, string>> = {
  'kubevirt.io/VirtualMachineInstancePreset': 'a VirtualMachineInstancetype or VirtualMachinePreference (instancetype.kubevirt.io/v1beta1)',
};

/** The served versions of every target release, newest first (three small JSON files, read once). */
function releases(): ReadonlyArray<{ readonly release: KubeVirtRelease; readonly served: ServedVersions }> {
  return KUBEVIRT_RELEASES.flatMap((release) => {
    const served = SchemaStore.forTarget({ kubevirt: release }).servedVersions();
    return served ? [{ release, served }] : [];
  });
}

/** Who serves a kind in a release: `KubeVirt 1.8`, `CDI v1.65.0 of KubeVirt 1.8's release set`. */
function servedBy(project: 'kubevirt' | 'cdi' | 'hco', release: KubeVirtRelease, served: ServedVersions): string {
  if (project === 'kubevirt') return `KubeVirt ${release}`;
  const name = project === 'cdi' ? 'CDI' : 'the HyperConverged operator';
  return `${name} ${served.release[project]} of KubeVirt ${release}'s release set`;
}

/** The version to write instead: the storage version unless deprecated, else the newest served one that is not. */
function preferredVersion(versions: readonly ServedVersion[]): ServedVersion | undefined {
  const current = versions.filter((v) => v.served && !v.deprecated);
  return current.find((v) => v.storage) ?? current[current.length - 1];
}

/** The target releases that serve a kind (`group/Kind`), or one version of it, oldest first. */
function releasesServing(all: ReturnType<typeof releases>, key: string, version?: string): KubeVirtRelease[] {
  return all.filter(({ served }) => served.kinds[key]?.versions.some((v) => v.served && (version === undefined || v.name === version)))
    .map(({ release }) => release).reverse();
}

/** ` (served by 1.9)`, `(served with 1.8 and 1.9)` for CDI and HCO; nothing when no target release serves it. */
function servedElsewhere(project: string, serving: readonly KubeVirtRelease[]): string {
  return serving.length === 0 ? '' : ` (served ${project === 'kubevirt' ? 'by' : 'with'} ${serving.join(' and ')})`;
}

/** The release to suggest instead of `release`: the nearest one that serves it. */
function nearest(serving: readonly KubeVirtRelease[], release: KubeVirtRelease): KubeVirtRelease {
  const distance = (r: KubeVirtRelease) => Math.abs(KUBEVIRT_RELEASES.indexOf(r) - KUBEVIRT_RELEASES.indexOf(release));
  return [...serving].sort((a, b) => distance(a) - distance(b))[0];
}

/** What this rule says of every object of one apiVersion and kind (its message names nothing else). */
interface Verdict {
  readonly severity: IssueSeverity;
  readonly path: string;
  readonly message: string;
}

function verdictOf(apiVersion: string, kind: string, all: ReturnType<typeof releases>, release: KubeVirtRelease): Verdict | undefined {
  const { group, version } = splitApiVersion(apiVersion);
  const key = `${group}/${kind}`;
  const target = all.find((r) => r.release === release)!.served;
  const entry = target.kinds[key];
  if (!entry) {
    const project = all.find(({ served }) => served.kinds[key])?.served.kinds[key].project;
    // A kind no target release knows is the schema rule's (no schema: not checked).
    if (project === undefined) return undefined;
    const serving = releasesServing(all, key);
    return { severity: IssueSeverity.ERROR, path: 'kind', message: `${kind} (${apiVersion}) is not served by ${servedBy(project, release, target)}${servedElsewhere(project, serving)}: target KubeVirt ${nearest(serving, release)}, or leave the object out` };
  }
  const who = servedBy(entry.project, release, target);
  const own = entry.versions.find((v) => v.name === version && v.served);
  const preferred = preferredVersion(entry.versions);
  if (!own) {
    const use = preferred ?? entry.versions.find((v) => v.served)!;
    const serving = releasesServing(all, key, version);
    const orTarget = serving.length === 0 ? '' : `, or target KubeVirt ${nearest(serving, release)}`;
    return { severity: IssueSeverity.ERROR, path: 'apiVersion', message: `apiVersion ${show(apiVersion)} of ${kind} is not served by ${who}${servedElsewhere(entry.project, serving)}: use ${show(`${group}/${use.name}`)}${orTarget}` };
  } else if (own.deprecated) {
    const replacement = preferred ? show(`${group}/${preferred.name}`) : KIND_REPLACEMENTS[key] ?? 'another kind';
    const what = preferred ? `apiVersion ${show(apiVersion)} of ${kind}` : `${kind} (every version it serves, here ${show(apiVersion)})`;
    return { severity: IssueSeverity.WARNING, path: 'apiVersion', message: `${what} is deprecated in ${who}, which serves it with a deprecation warning and will remove it: use ${replacement}` };
  }
  return undefined;
}

/** The verdicts of one run, judged once per apiVersion and kind: a fleet repeats a few thousands of times. */
class Verdicts {
  private readonly byApiVersion = new Map<string, Map<string, Verdict | undefined>>();

  public constructor(private readonly all: ReturnType<typeof releases>, private readonly release: KubeVirtRelease) {}

  public of({ apiVersion, kind }: ObjectView): Verdict | undefined {
    let byKind = this.byApiVersion.get(apiVersion);
    if (!byKind) this.byApiVersion.set(apiVersion, byKind = new Map());
    if (!byKind.has(kind)) byKind.set(kind, verdictOf(apiVersion, kind, this.all, this.release));
    return byKind.get(kind);
  }
}

/**
 * Whether some target release knows the kind (a KubeVirt, CDI or HyperConverged kind): this rule
 * then judges an apiVersion the target lacks, and the schema rule need not add "no schema".
 */
export function isReleaseKind(apiVersion: string, kind: string): boolean {
  const { group } = splitApiVersion(apiVersion);
  return releases().some(({ served }) => served.kinds[`${group}/${kind}`] !== undefined);
}

/** Each KubeVirt, CDI or HyperConverged object's apiVersion is one the target release serves, and not a deprecated one. */
export const apiDeprecations: Rule = {
  id: 'api-deprecations',
  order: 9500,
  summary: 'a KubeVirt, CDI or HyperConverged object uses an API version the target release (`--target`, default KubeVirt 1.9) serves (an error names the version to use), and a deprecated one (kubevirt.io/v1alpha3, export.kubevirt.io/v1beta1 in 1.9, the presets) is a warning naming the replacement',
  // The served/deprecated flags of each CRD version at the release tags, as schemas:upstream records
  // them in served-versions.json (KubeVirt crds.go and core/v1/register.go, CDI crds_generated.go, HCO hco00.crd.yaml).
  reference: 'https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definition-versioning/#version-deprecation',
  source: RuleSource.KUBERNETES,
  check(context) {
    const release = kubevirtReleaseOf(context.options.target);
    const all = releases();
    if (!all.some((r) => r.release === release)) return; // a package without served-versions.json: nothing to judge by
    const verdicts = new Verdicts(all, release);
    const listed = context.views;
    for (let n = 0; n < listed.length; n++) {
      const view = listed[n];
      const verdict = verdicts.of(view);
      if (verdict) context.report(verdict.severity, view.index, verdict.path, verdict.message);
    }
  },
};
