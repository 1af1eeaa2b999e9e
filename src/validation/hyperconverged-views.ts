// The HyperConverged objects among the validated ones, as the HCO admission rules read them:
// v1 groups fields (spec.security, spec.networking, ...) that v1beta1 keeps at spec's top.
import type { RuleContext } from './rule-context';
import { KubeObject, qualifiedName } from '../model/object-index';

/** A HyperConverged among the validated objects. */
export interface HyperConvergedView {
  readonly index: number;
  readonly object: KubeObject;
  /** Its spec (an empty object when it has none). */
  readonly spec: any;
  /** Whether it is `hco.kubevirt.io/v1` (else v1beta1). */
  readonly v1: boolean;
}

/** Whether an object is a HyperConverged (any served version). */
export function isHyperConverged(object: KubeObject): boolean {
  return object.kind === 'HyperConverged' && typeof object.apiVersion === 'string' && object.apiVersion.startsWith('hco.kubevirt.io/');
}

/** How messages name a HyperConverged: `HyperConverged "openshift-cnv/kubevirt-hyperconverged"`. */
export function hcoHolder(object: KubeObject): string {
  return `HyperConverged ${JSON.stringify(qualifiedName(object.metadata?.namespace, object.metadata?.name))}`;
}

/** Every HyperConverged of the run, with its spec and version. */
export function hyperConvergedViews(context: RuleContext): HyperConvergedView[] {
  return context.viewsOfKind('HyperConverged').filter(({ object }) => isHyperConverged(object)).map(({ index, object }) => ({
    index, object, spec: (object as any).spec ?? {}, v1: object.apiVersion === 'hco.kubevirt.io/v1',
  }));
}
