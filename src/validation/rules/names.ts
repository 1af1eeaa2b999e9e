import { dnsLabelProblem, dnsSubdomainProblem } from '../../common/names';
import { KubeObject, qualifiedName } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';
import { ObjectView, RuleContext } from '../rule-context';
import { ValidationRule } from '../validation-report';

/** The same object twice: applying both keeps only the last, and `kubectl`/kustomize/Argo CD refuse or fight over it. */
function duplicates(context: RuleContext): void {
  for (const index of context.index.duplicates) {
    const object = context.objects[index] as KubeObject;
    context.error(index, 'metadata.name',
      `${object.kind} ${JSON.stringify(qualifiedName(object.metadata?.namespace, object.metadata?.name))} is declared twice in these objects: the one applied last replaces the other; keep one, or rename one`);
  }
}

/**
 * An object with neither name nor generateName, which the API server refuses on create (apimachinery
 * v0.34.0 pkg/api/validation/objectmeta.go ValidateObjectMetaAccessor: "name or generateName is
 * required"). generateName alone passes: `kubectl create` accepts it (`kubectl apply` does not).
 */
function missingName(context: RuleContext, object: KubeObject, index: number): void {
  const generateName = object.metadata?.generateName;
  if (typeof generateName === 'string' && generateName !== '') return;
  context.error(index, 'metadata.name', `${object.kind} in ${object.metadata?.namespace === undefined ? 'no namespace' : `namespace ${JSON.stringify(object.metadata.namespace)}`} has no metadata.name, which the API server requires (or metadata.generateName): give it a name`);
}

function dnsNames(context: RuleContext, { object, index, group, kind, name, namespace }: ObjectView): void {
  if (typeof namespace === 'string') {
    const problem = dnsLabelProblem(namespace);
    if (problem) context.error(index, 'metadata.namespace', `${JSON.stringify(namespace)} ${problem}`);
  }
  if (name === undefined || name === '') {
    missingName(context, object, index);
    return;
  }
  // RBAC names are path segments ("system:metrics"), not DNS names.
  if (typeof name !== 'string' || group === 'rbac.authorization.k8s.io') return;
  // KubeVirt uses a VM's name as hostname and label value; Services and Namespaces are DNS labels.
  const label = (group === '' && (kind === 'Namespace' || kind === 'Service'))
    || (group === 'kubevirt.io' && (kind === 'VirtualMachine' || kind === 'VirtualMachineInstance'));
  const problem = label ? dnsLabelProblem(name) : dnsSubdomainProblem(name);
  if (problem) context.error(index, 'metadata.name', `${JSON.stringify(name)} ${problem}`);
}

/** Every object is named; names and namespaces are DNS-1123 names, and no object is declared twice. */
export const names: Rule = {
  id: ValidationRule.NAMES,
  order: 200,
  summary: 'every object has a name (or generateName); DNS-1123 names and namespaces (VM names as labels); no object declared twice',
  reference: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/',
  source: RuleSource.KUBERNETES,
  check(context) {
    duplicates(context);
    const listed = context.views;
    for (let n = 0; n < listed.length; n++) {
      const view = listed[n];
      dnsNames(context, view);
    }
  },
};
