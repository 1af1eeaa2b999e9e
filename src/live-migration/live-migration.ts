import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import * as kubevirt from '../../imports/kubevirt.io';
import { assertPropsObject, constructError, show } from '../common/errors';
import { dnsSubdomainProblem } from '../common/names';
import { RunStrategy } from '../compute/run-strategy';
import { VirtualMachine } from '../compute/virtual-machine';
import { KubeResource } from '../core/kube-resource';
import { qualifiedName } from '../model/object-index';
import { withdrawRefused } from '../network/refused-construct';
import { formatMigrationBlocker } from '../validation/live-migration-readiness';

/** Properties of `LiveMigration`. */
export interface LiveMigrationProps {
  /** The VM to move: its running instance is migrated to another node. */
  readonly vm: VirtualMachine;
  /**
   * Name (and labels, annotations) of the migration object; its namespace is the VM's.
   * @default - a name generated from the construct path
   */
  readonly metadata?: Omit<ApiObjectMetadata, 'namespace'>;
  /**
   * Only nodes with these labels may receive the VM (added to its own node selector).
   * @default - any node the VM could run on
   */
  readonly targetNodeSelector?: Record<string, string>;
}

/**
 * A one-off live migration of a declared VM (`VirtualMachineInstanceMigration`, kubevirt.io/v1),
 * e.g. before a node's maintenance. Keep it in a day-2 chart (its own GitOps folder) applied when
 * you want the move, not with the VM: applying it creates a migration once.
 *
 * Synth fails when the VM could not live-migrate, with every reason (see `vm.migrationReport()`).
 *
 * @see https://kubevirt.io/user-guide/compute/live_migration/
 */
export class LiveMigration extends KubeResource {
  /** @see kplus.Resource */
  public readonly resourceType = 'virtualmachineinstancemigrations';
  /** The migration object. */
  public readonly apiObject: ApiObject;
  /** The VM being migrated. */
  public readonly vm: VirtualMachine;

  public constructor(scope: Construct, id: string, props: LiveMigrationProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'LiveMigrationProps', '{ vm }');
      if (!(props.vm instanceof VirtualMachine)) {
        throw constructError(this, 'vm must be a VirtualMachine construct of this app (the migration checks that it can migrate)');
      }
      this.vm = props.vm;
      const name = props.metadata?.name;
      const nameProblem = name === undefined ? undefined : dnsSubdomainProblem(name);
      if (nameProblem) throw constructError(this, `metadata.name ${show(name)} ${nameProblem}`);
      for (const [key, value] of Object.entries(props.targetNodeSelector ?? {})) {
        if (typeof value !== 'string') throw constructError(this, `targetNodeSelector[${show(key)}] ${show(value)} must be a string: node labels are strings`);
      }
      const namespace = this.vm.namespace;
      this.apiObject = new kubevirt.VirtualMachineInstanceMigration(this, 'Resource', {
        metadata: { ...props.metadata, ...(namespace !== undefined ? { namespace } : {}) },
        spec: {
          vmiName: this.vm.name,
          addedNodeSelector: props.targetNodeSelector,
        },
      });
      this.node.addValidation({ validate: () => this.problems() });
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }

  private problems(): string[] {
    const vm = this.vm;
    const qualified = qualifiedName(vm.namespace, vm.name);
    if (vm.runStrategy === RunStrategy.HALTED) {
      return [`VirtualMachine ${show(qualified)} has runStrategy Halted, so there is no running instance to migrate: start the VM first, or drop the migration`];
    }
    const report = vm.migrationReport();
    return report.blockers.map((blocker) => `VirtualMachine ${show(qualified)} cannot live-migrate: ${formatMigrationBlocker(blocker)}`);
  }
}
