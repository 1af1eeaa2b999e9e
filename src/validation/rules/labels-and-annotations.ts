import { show } from '../../common/errors';
import { KubeObject } from '../../model/object-index';
import { labelKeyProblem, labelValueProblem } from '../label-syntax';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';
import { ValidationRule } from '../validation-report';

// apimachinery pkg/api/validation/objectmeta.go ValidateAnnotations: keys plus values, in bytes.
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The metadata blocks of an object the API server checks: its own, and the templates whose
 * metadata becomes another object's (a VM's instance and DataVolume templates, a pool's VM
 * template, workload pod templates). A bad label there is refused when that object is made.
 */
function metadataBlocks(object: KubeObject): Array<{ metadata: Record<string, unknown>; path: string }> {
  const blocks: Array<{ metadata: unknown; path: string }> = [{ metadata: object.metadata, path: 'metadata' }];
  const spec = isMap(object.spec) ? object.spec : {};
  const templateOf = (holder: unknown, path: string): void => {
    if (isMap(holder) && isMap(holder.template)) blocks.push({ metadata: holder.template.metadata, path: `${path}.template.metadata` });
  };
  templateOf(spec, 'spec');
  if (Array.isArray(spec.dataVolumeTemplates)) {
    spec.dataVolumeTemplates.forEach((t: unknown, i: number) => isMap(t) && blocks.push({ metadata: t.metadata, path: `spec.dataVolumeTemplates[${i}].metadata` }));
  }
  const vmTemplate = spec.virtualMachineTemplate;
  if (isMap(vmTemplate)) {
    blocks.push({ metadata: vmTemplate.metadata, path: 'spec.virtualMachineTemplate.metadata' });
    templateOf(vmTemplate.spec, 'spec.virtualMachineTemplate.spec');
  }
  if (isMap(spec.jobTemplate)) templateOf(spec.jobTemplate.spec, 'spec.jobTemplate.spec');
  return blocks.filter((b): b is { metadata: Record<string, unknown>; path: string } => isMap(b.metadata));
}

/** The problem of each key, found once per run: a fleet's objects repeat a handful of keys tens of thousands of times. */
type KeyProblems = Map<string, string | undefined>;

function keyProblemOf(problems: KeyProblems, key: string): string | undefined {
  if (!problems.has(key)) problems.set(key, labelKeyProblem(key));
  return problems.get(key);
}

function checkLabels(context: RuleContext, index: number, labels: Record<string, unknown>, path: string, problems: KeyProblems): void {
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = keyProblemOf(problems, key);
    if (keyProblem) context.error(index, `${path}.labels[${show(key)}]`, `label key ${show(key)} ${keyProblem}; the API server refuses it`);
    const valueProblem = typeof value === 'string' ? labelValueProblem(value) : undefined;
    if (valueProblem) context.error(index, `${path}.labels[${show(key)}]`, `label value ${show(value)} ${valueProblem}; the API server refuses it`);
  }
}

function checkAnnotations(context: RuleContext, index: number, annotations: Record<string, unknown>, path: string, problems: KeyProblems): void {
  let bytes = 0;
  for (const [key, value] of Object.entries(annotations)) {
    // Annotation keys follow the label-key rule, except that case does not matter (apimachinery
    // lowercases the key; only the prefix is affected, since the name part allows capitals).
    const slash = key.indexOf('/');
    const problem = keyProblemOf(problems, slash < 0 ? key : key.slice(0, slash).toLowerCase() + key.slice(slash));
    if (problem) context.error(index, `${path}.annotations[${show(key)}]`, `annotation key ${show(key)} ${problem}; the API server refuses it`);
    bytes += Buffer.byteLength(key, 'utf8') + (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);
  }
  if (bytes > ANNOTATIONS_MAX_BYTES) {
    context.error(index, `${path}.annotations`, `annotations total ${bytes} bytes (keys and values), more than the API server's limit of ${ANNOTATIONS_MAX_BYTES} (256 KiB): move large values into a ConfigMap or Secret`);
  }
}

/** Labels and annotations are what the API server accepts, on objects and on their templates. */
export const labelsAndAnnotations: Rule = {
  id: ValidationRule.LABELS_AND_ANNOTATIONS,
  order: 250,
  summary: 'label keys and values, annotation keys and the 256 KiB annotation total as the API server checks them, on objects and on the templates of VMs, pools and workloads',
  reference: 'https://github.com/kubernetes/apimachinery/blob/v0.36.3/pkg/api/validation/objectmeta.go',
  source: RuleSource.KUBERNETES,
  check(context) {
    const problems: KeyProblems = new Map();
    for (const { object, index } of context.views) {
      for (const { metadata, path } of metadataBlocks(object)) {
        if (isMap(metadata.labels)) checkLabels(context, index, metadata.labels, path, problems);
        if (isMap(metadata.annotations)) checkAnnotations(context, index, metadata.annotations, path, problems);
      }
    }
  },
};
