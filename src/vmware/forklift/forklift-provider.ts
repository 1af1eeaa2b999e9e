import { IConstruct } from 'constructs';
import { show } from '../../common/errors';

/** A Forklift (MTV) Provider: a migration source (vSphere) or target (the cluster itself). */
export interface IForkliftProvider extends IConstruct {
  readonly name: string;
  readonly namespace?: string;
  /** `vsphere`, `openshift`, ... */
  readonly providerType: string;
}

/** `{ name, namespace }` of a Forklift object, which Forklift's references require. */
export interface ForkliftRef {
  readonly name: string;
  readonly namespace: string;
}

/** The reference to `target`, or a problem when it has no namespace to put into it. */
export function forkliftRef(target: { name: string; namespace?: string }, what: string): ForkliftRef | string {
  if (target.namespace === undefined) {
    return `${what} ${show(target.name)} has no namespace, and Forklift references need one: set metadata.namespace (or the chart's namespace)`;
  }
  return { name: target.name, namespace: target.namespace };
}

/** The `spec.provider` of a map or plan: `{ source, destination }` references. */
export function providerRefs(source: IForkliftProvider, destination: IForkliftProvider): Record<'source' | 'destination', ForkliftRef | string> {
  return { source: forkliftRef(source, 'source provider'), destination: forkliftRef(destination, 'destination provider') };
}

/** Problems with the provider references of a map or plan (each needs a namespace). */
export function providerRefProblems(source: IForkliftProvider, destination: IForkliftProvider): string[] {
  return Object.values(providerRefs(source, destination)).filter((ref): ref is string => typeof ref === 'string');
}
