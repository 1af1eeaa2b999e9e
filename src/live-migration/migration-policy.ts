import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import * as migrations from '../../imports/migrations.kubevirt.io';
import { withoutNamespace } from '../common/cluster-scoped';
import { assertPropsObject, constructError, show } from '../common/errors';
import { dnsSubdomainProblem } from '../common/names';
import { compact } from '../common/objects';
import { KubeResource } from '../core/kube-resource';
import { DeploymentPhase, setDeploymentPhase } from '../gitops/deployment-phase';
import { withdrawRefused } from '../network/refused-construct';
import { MigrationTuning, renderMigrationTuning } from '../runtime/live-migration-settings';

/** Which VMs a MigrationPolicy applies to: all labels must match. */
export interface MigrationPolicySelectors {
  /** Labels of the VMs' namespaces. @default - any namespace */
  readonly namespaceLabels?: Record<string, string>;
  /** Labels of the VirtualMachineInstances (the VM's `instanceMetadata.labels`). @default - any VM */
  readonly instanceLabels?: Record<string, string>;
}

/** Properties of `MigrationPolicy`. */
export interface MigrationPolicyProps extends MigrationTuning {
  /**
   * Name of the policy.
   * @default - generated from the construct path
   */
  readonly name?: string;
  /** The VMs the policy applies to (at least one selector). */
  readonly selectors: MigrationPolicySelectors;
}

/**
 * A KubeVirt MigrationPolicy (`migrations.kubevirt.io/v1alpha1`, cluster-scoped): live-migration
 * tuning for the VMs it selects, overriding the cluster-wide settings.
 *
 * @see https://kubevirt.io/user-guide/compute/live_migration/#migration-policies
 */
export class MigrationPolicy extends KubeResource {
  /** @see kplus.Resource */
  public readonly resourceType = 'migrationpolicies';
  /** The object. */
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: MigrationPolicyProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'MigrationPolicyProps', '{ selectors: { instanceLabels: { tier: "db" } } }');
      const errorFor = (problem: string) => constructError(this, problem);
      const { namespaceLabels, instanceLabels } = props.selectors ?? {};
      const hasSelector = (labels?: Record<string, string>) => labels !== undefined && Object.keys(labels).length > 0;
      if (!hasSelector(namespaceLabels) && !hasSelector(instanceLabels)) {
        throw errorFor('selectors must select something: give namespaceLabels and/or instanceLabels (a policy for every VM is the cluster-wide migration configuration instead)');
      }
      for (const [field, labels] of [['namespaceLabels', namespaceLabels], ['instanceLabels', instanceLabels]] as const) {
        for (const [key, value] of Object.entries(labels ?? {})) {
          if (typeof value !== 'string') throw errorFor(`selectors.${field}[${show(key)}] ${show(value)} must be a string: labels are strings, write ${show(String(value))}`);
        }
      }
      if (props.name !== undefined) {
        const problem = dnsSubdomainProblem(props.name);
        if (problem) throw errorFor(`name ${show(props.name)} ${problem}`);
      }
      const tuning = renderMigrationTuning('policy', props, errorFor);
      this.apiObject = withoutNamespace(new ApiObject(this, 'Resource', {
        ...migrations.MigrationPolicy.GVK,
        metadata: props.name !== undefined ? { name: props.name } : {},
        spec: {
          selectors: compact({
            namespaceSelector: hasSelector(namespaceLabels) ? { ...namespaceLabels } : undefined,
            virtualMachineInstanceSelector: hasSelector(instanceLabels) ? { ...instanceLabels } : undefined,
          }),
          ...compact(tuning),
        },
      }));
      setDeploymentPhase(this, DeploymentPhase.CLUSTER);
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }
}
