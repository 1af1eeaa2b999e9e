import { show } from '../../common/errors';
import { KubeObject } from '../../model/object-index';
import { labelKeyProblem, labelValueProblem } from '../label-syntax';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';
import { ValidationRule } from '../validation-report';

// apimachinery pkg/api/validation/objectmeta.go ValidateAnnotations: keys plus values, in bytes.
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The problem of each key, found once per run: a fleet's objects repeat a handful of keys tens of thousands of times. */
interface KeyProblems {
  readonly labels: Map<string, string | undefined>;
  /** By the annotation key as written (its problem is that of the key with the prefix lowercased). */
  readonly annotations: Map<string, string | undefined>;
}

// One lookup per key: a key without a problem is kept as NONE, so a miss (undefined) means "not judged yet".
const NONE = '';

function labelKeyProblemOf(problems: KeyProblems, key: string): string | undefined {
  let problem = problems.labels.get(key);
  if (problem === undefined) problems.labels.set(key, problem = labelKeyProblem(key) ?? NONE);
  return problem === NONE ? undefined : problem;
}

function annotationKeyProblemOf(problems: KeyProblems, key: string): string | undefined {
  let problem = problems.annotations.get(key);
  if (problem === undefined) {
    // Annotation keys follow the label-key rule, except that case does not matter (apimachinery
    // lowercases the key; only the prefix is affected, since the name part allows capitals).
    const slash = key.indexOf('/');
    problem = labelKeyProblemOf(problems, slash < 0 ? key : key.slice(0, slash).toLowerCase() + key.slice(slash)) ?? NONE;
    problems.annotations.set(key, problem);
  }
  return problem === NONE ? undefined : problem;
}

function checkLabels(context: RuleContext, index: number, labels: Record<string, unknown>, path: string, problems: KeyProblems): void {
  for (const key of Object.keys(labels)) {
    const value = labels[key];
    const keyProblem = labelKeyProblemOf(problems, key);
    if (keyProblem) context.error(index, `${path}.labels[${show(key)}]`, `label key ${show(key)} ${keyProblem}; the API server refuses it`);
    const valueProblem = typeof value === 'string' ? labelValueProblem(value) : undefined;
    if (valueProblem) context.error(index, `${path}.labels[${show(key)}]`, `label value ${show(value)} ${valueProblem}; the API server refuses it`);
  }
}

/** UTF-8 bytes of keys and string values: at most 3 per UTF-16 unit, so short annotations need no count. */
function annotationBytes(annotations: Record<string, unknown>, keys: readonly string[]): number {
  let units = 0;
  for (const key of keys) {
    const value = annotations[key];
    units += key.length + (typeof value === 'string' ? value.length : 0);
  }
  if (units * 3 <= ANNOTATIONS_MAX_BYTES) return units; // under the limit whatever the count: not reported
  let bytes = 0;
  for (const key of keys) {
    const value = annotations[key];
    bytes += Buffer.byteLength(key, 'utf8') + (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);
  }
  return bytes;
}

function checkAnnotations(context: RuleContext, index: number, annotations: Record<string, unknown>, path: string, problems: KeyProblems): void {
  const keys = Object.keys(annotations);
  for (const key of keys) {
    const problem = annotationKeyProblemOf(problems, key);
    if (problem) context.error(index, `${path}.annotations[${show(key)}]`, `annotation key ${show(key)} ${problem}; the API server refuses it`);
  }
  const bytes = annotationBytes(annotations, keys);
  if (bytes > ANNOTATIONS_MAX_BYTES) {
    context.error(index, `${path}.annotations`, `annotations total ${bytes} bytes (keys and values), more than the API server's limit of ${ANNOTATIONS_MAX_BYTES} (256 KiB): move large values into a ConfigMap or Secret`);
  }
}

/** The labels and annotations of one metadata block (skipped unless it is a map). */
function checkMetadata(context: RuleContext, index: number, metadata: unknown, path: string, problems: KeyProblems): void {
  if (!isMap(metadata)) return;
  if (isMap(metadata.labels)) checkLabels(context, index, metadata.labels, path, problems);
  if (isMap(metadata.annotations)) checkAnnotations(context, index, metadata.annotations, path, problems);
}

/** Whether a metadata block has labels or annotations to check (so its path is worth building). */
const hasMaps = (metadata: unknown): boolean => isMap(metadata) && (isMap(metadata.labels) || isMap(metadata.annotations));

/**
 * The metadata blocks of an object the API server checks, in this order: its own, and the
 * templates whose metadata becomes another object's (a VM's instance and DataVolume templates, a
 * pool's VM template, workload pod templates). A bad label there is refused when that object is made.
 */
function checkObject(context: RuleContext, object: KubeObject, index: number, problems: KeyProblems): void {
  checkMetadata(context, index, object.metadata, 'metadata', problems);
  const spec = object.spec;
  if (!isMap(spec)) return;
  if (isMap(spec.template)) checkMetadata(context, index, spec.template.metadata, 'spec.template.metadata', problems);
  const templates = spec.dataVolumeTemplates;
  if (Array.isArray(templates)) {
    for (let i = 0; i < templates.length; i++) {
      const template = templates[i];
      if (isMap(template) && hasMaps(template.metadata)) checkMetadata(context, index, template.metadata, `spec.dataVolumeTemplates[${i}].metadata`, problems);
    }
  }
  const vmTemplate = spec.virtualMachineTemplate;
  if (isMap(vmTemplate)) {
    checkMetadata(context, index, vmTemplate.metadata, 'spec.virtualMachineTemplate.metadata', problems);
    const vmSpec = vmTemplate.spec;
    if (isMap(vmSpec) && isMap(vmSpec.template)) checkMetadata(context, index, vmSpec.template.metadata, 'spec.virtualMachineTemplate.spec.template.metadata', problems);
  }
  const jobSpec = isMap(spec.jobTemplate) ? spec.jobTemplate.spec : undefined;
  if (isMap(jobSpec) && isMap(jobSpec.template)) checkMetadata(context, index, jobSpec.template.metadata, 'spec.jobTemplate.spec.template.metadata', problems);
}

/** Labels and annotations are what the API server accepts, on objects and on their templates. */
export const labelsAndAnnotations: Rule = {
  id: ValidationRule.LABELS_AND_ANNOTATIONS,
  order: 250,
  summary: 'label keys and values, annotation keys and the 256 KiB annotation total as the API server checks them, on objects and on the templates of VMs, pools and workloads',
  reference: 'https://github.com/kubernetes/apimachinery/blob/v0.36.3/pkg/api/validation/objectmeta.go',
  source: RuleSource.KUBERNETES,
  check(context) {
    const problems: KeyProblems = { labels: new Map(), annotations: new Map() };
    const listed = context.views;
    for (let n = 0; n < listed.length; n++) {
      const { object, index } = listed[n];
      checkObject(context, object, index, problems);
    }
  },
};
