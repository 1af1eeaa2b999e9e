import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { VirtualMachineBase } from './virtual-machine-base';
import { VirtualMachineProps } from './virtual-machine-props';
import * as kubevirt from '../../imports/kubevirt.io';
import { ProducerOf } from '../core/producer-of';
import { LiveMigrationReport } from '../model/live-migration';
import { AppValidation } from '../validation/app-validation';

export * from './virtual-machine-props';
export { VirtualMachineBase } from './virtual-machine-base';
export { VM_NAME_LABEL } from './vm-services';

/**
 * A KubeVirt VirtualMachine (`kubevirt.io/v1`), declared as plainly as a Deployment.
 *
 * Its spec is built by the facets of `VirtualMachineBase` (sizing, scheduling, interfaces,
 * disks, cloud-init, Services); disks, cloud-init and SSH keys added after construction are
 * included, as the manifest is rendered at synth time. Bad input throws with the construct
 * path, the value and the fix; a constructor that throws leaves nothing in the construct tree.
 *
 * @see https://kubevirt.io/user-guide/
 */
export class VirtualMachine extends VirtualMachineBase {
  private static specOf(vm: VirtualMachine): unknown {
    return vm._toKube();
  }

  /** @see kplus.Resource */
  public readonly resourceType = 'virtualmachines';

  public constructor(scope: Construct, id: string, props: VirtualMachineProps = {}) {
    super(scope, id, props);
  }

  /**
   * Why the VM could not live-migrate, judged from its manifest and the rest of the app
   * (claims and DataVolumes declared elsewhere in it count). Empty blockers: it can.
   */
  public migrationReport(): LiveMigrationReport {
    return AppValidation.of(this)._migrationReportOf(this)!;
  }

  protected createApiObject(props: VirtualMachineProps): ApiObject {
    return new kubevirt.VirtualMachine(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any(new ProducerOf(this, VirtualMachine.specOf)),
    });
  }
}
