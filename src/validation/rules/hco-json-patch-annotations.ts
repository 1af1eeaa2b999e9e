import { show } from '../../common/errors';
import { hcoHolder, isHyperConverged } from '../hyperconverged-views';
import { Rule, RuleSource } from '../rule';

/** The annotations whose JSON patches the operator applies to the CR it generates, and that CR's kind. */
const PATCH_ANNOTATIONS: Record<string, string> = {
  'kubevirt.kubevirt.io/jsonpatch': 'KubeVirt',
  'containerizeddataimporter.kubevirt.io/jsonpatch': 'CDI',
  'networkaddonsconfigs.kubevirt.io/jsonpatch': 'NetworkAddonsConfig',
  'ssp.kubevirt.io/jsonpatch': 'SSP',
};
const OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'];

/** What is wrong with a JSON patch annotation's text, or undefined. */
function patchProblem(text: string): string | undefined {
  let patch: unknown;
  try {
    patch = JSON.parse(text);
  } catch {
    return `${show(text)} is not JSON: write a JSON array of RFC 6902 operations, e.g. [{"op": "add", "path": "/spec/...", "value": ...}]`;
  }
  if (!Array.isArray(patch)) return `${show(text)} is not a JSON array: wrap the operations in [ ]`;
  for (const [position, operation] of patch.entries()) {
    if (typeof operation !== 'object' || operation === null || Array.isArray(operation)) return `operation ${position} ${show(operation)} is not an object: write {"op": ..., "path": ...}`;
    const { op, path } = operation as Record<string, unknown>;
    if (typeof path !== 'string') return `operation ${position} has no path: add a path under "/spec/"`;
    if (!path.startsWith('/spec/')) return `operation ${position} has path ${show(path)}, outside "/spec/": the operator patches only spec fields; point it under "/spec/"`;
    if (!OPS.includes(op as string)) return `operation ${position} has op ${show(op)}, not one of ${OPS.map((o) => show(o)).join(', ')}: use one of those`;
  }
  return undefined;
}

/** The JSON patch annotations of a HyperConverged parse, and patch only the spec of the generated CRs. */
export const hcoJsonPatchAnnotations: Rule = {
  id: 'hco-json-patch-annotations',
  order: 1140,
  summary: 'HyperConverged JSON patch annotations (`kubevirt.kubevirt.io/jsonpatch` and those for CDI, network add-ons, SSP): a JSON array of operations with a known op and a path under `/spec/`',
  // Upstream: applyAnnotationPatch, called through ApplyPatchToSpec by NewKubeVirt, NewCDI, NewNetworkAddons and NewSSP on create.
  reference: 'https://github.com/kubevirt/hyperconverged-cluster-operator/blob/v1.18.1/controllers/operands/operand.go#L132-L168',
  source: RuleSource.HCO,
  check(context) {
    const listed = context.viewsOfKind('HyperConverged');
    for (let n = 0; n < listed.length; n++) {
      const { index, object } = listed[n];
      if (!isHyperConverged(object)) continue;
      const annotations: Record<string, unknown> = object.metadata?.annotations ?? {};
      for (const [annotation, target] of Object.entries(PATCH_ANNOTATIONS)) {
        const text = annotations[annotation];
        if (typeof text !== 'string') continue;
        const problem = patchProblem(text);
        if (problem) {
          context.error(index, `metadata.annotations["${annotation}"]`, `${hcoHolder(object)}: JSON patch for the ${target} CR: ${problem}; the operator refuses the HyperConverged otherwise`);
        }
      }
    }
  },
};
