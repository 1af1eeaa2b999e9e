import { ApiObject, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-32';
import { Construct } from 'constructs';
import { KubeResource } from './kube-resource';
import { keptObjectNamespace } from './namespace-protection';
import { withoutNamespace } from '../common/cluster-scoped';
import { assertPropsObject, constructError, show } from '../common/errors';
import { dnsLabelProblem } from '../common/names';
import { ARGO_SYNC_OPTIONS, FLUX_PRUNE } from '../model/prune-protection';

/** Properties of `WorkloadNamespace`. */
export interface WorkloadNamespaceProps {
  /** Name of the Namespace. */
  readonly name: string;
  /** @default - none */
  readonly labels?: Record<string, string>;
  /** @default - none */
  readonly annotations?: Record<string, string>;
}

/**
 * The Namespace a chart's VMs, disks and networks live in, so the output applies to an empty
 * cluster as it is. Written without the chart's namespace (a Namespace is cluster-scoped) and
 * applied first (deployment phase `operators`).
 *
 * Deleting a Namespace deletes every disk in it, whatever the disks' own sync options: when the
 * app puts objects kept from GitOps deletion in it (DataVolumes, PVCs, VMs owning DataVolume
 * templates), the Namespace is kept the same way (Argo CD `Prune=false,Delete=false`, Flux
 * `prune: disabled`), in any cdk8s App.
 */
export class WorkloadNamespace extends KubeResource {
  /** @see kplus.Resource */
  public readonly resourceType = 'namespaces';
  protected readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: WorkloadNamespaceProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'WorkloadNamespaceProps', '{ name: "vms" }');
      const problem = dnsLabelProblem(props.name);
      if (problem) throw constructError(this, `name ${show(props.name)} ${problem}`);
      const { [ARGO_SYNC_OPTIONS]: syncOptions, [FLUX_PRUNE]: fluxPrune, ...annotations } = props.annotations ?? {};
      this.apiObject = withoutNamespace(new k8s.KubeNamespace(this, 'Resource', {
        metadata: { name: props.name, labels: props.labels, annotations },
      }));
      // Decided at synth, when every object of the app is declared.
      const keeps = () => this.holdsKeptObjects(props.name);
      const options = (syncOptions ?? '').split(',').map((o) => o.trim()).filter((o) => o !== '' && !/^(Prune|Delete)=/.test(o));
      this.apiObject.metadata.addAnnotation(ARGO_SYNC_OPTIONS, Lazy.any({
        produce: () => (keeps() ? [...options, 'Prune=false', 'Delete=false'] : options).join(',') || undefined,
      }) as unknown as string);
      this.apiObject.metadata.addAnnotation(FLUX_PRUNE, Lazy.any({ produce: () => (keeps() ? 'disabled' : fluxPrune) }) as unknown as string);
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one
      // (it claims no addresses, so removing it from the tree is all it takes).
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }

  private holdsKeptObjects(name: string): boolean {
    return this.node.root.node.findAll().some((c) => keptObjectNamespace(c) === name);
  }
}
