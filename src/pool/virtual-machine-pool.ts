import { ApiObject, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { k8s } from 'cdk8s-plus-32';
import { Construct } from 'constructs';
import { createPoolAutoscaler } from './pool-autoscaler';
import { PoolSettings, checkPoolSettings, renderAutohealing } from './pool-settings';
import {
  checkInstanceLabels, checkPoolAttachment, checkPoolDisk, checkPoolDisks, refuseFirmwareIdentity, secretIndexingProblems,
} from './pool-template';
import { POOL_LABEL, VirtualMachinePoolProps } from './virtual-machine-pool-props';
import type * as pool from '../../imports/pool.kubevirt.io';
import { constructError, show } from '../common/errors';
import { VirtualMachineBase } from '../compute/virtual-machine-base';
import { ExposeViaServiceOptions, VirtualMachineDisk } from '../compute/virtual-machine-props';
import { poolL1 } from '../core/module-on-first-use';
import { INetworkAttachment } from '../network/network-attachment';
import { AttachNetworkOptions, NetworkAttachment } from '../network/secondary-network';
import { DiskOptions } from '../storage/disk';
import { VolumeSource } from '../storage/volume-source';

export * from './virtual-machine-pool-props';
export * from './pool-strategies';

/** KubeVirt names a pool's VMs `<pool>-<index>` and uses a VM's name as hostname and label value (63 at most). */
const MAX_VM_NAME = 63;

/**
 * A KubeVirt VirtualMachinePool (`pool.kubevirt.io/v1beta1`): `replicas` VMs, `<pool>-0`,
 * `<pool>-1`, ..., made from one VM template, with an optional HorizontalPodAutoscaler.
 *
 * The template is built by the same facets as a `VirtualMachine`, so every VM prop, mutator
 * and check applies. What would be one value for all VMs is refused (firmware identity, fixed
 * IPs and MACs, writable existing claims) or left to KubeVirt, which keeps it per VM: the
 * firmware UUID (derived from each VM's name) and DataVolume templates (renamed
 * `<name>-<index>` per VM). Services select all VMs' pods by the pool's selector labels.
 *
 * @see https://kubevirt.io/user-guide/user_workloads/pool/
 */
export class VirtualMachinePool extends VirtualMachineBase {
  /** @see kplus.Resource */
  public readonly resourceType = 'virtualmachinepools';

  // Set in createApiObject, which the base constructor calls: `declare` keeps the field
  // initializers, which run after it, from resetting them.
  declare private settings: PoolSettings;
  declare private autoscalerObject?: k8s.KubeHorizontalPodAutoscalerV2;

  public constructor(scope: Construct, id: string, props: VirtualMachinePoolProps = {}) {
    super(scope, id, props);
  }

  /** The number of VMs written in the pool, when set (else KubeVirt's 1, or the autoscaler's). */
  public get replicas(): number | undefined {
    return this.settings.replicas;
  }

  /** The labels the pool selects its VMs by; its VMs and their pods carry them. */
  public get selectorLabels(): Record<string, string> {
    return { ...(this.settings.selectorLabels ?? { [POOL_LABEL]: this.name }) };
  }

  /** The HorizontalPodAutoscaler, with `autoscaling`. */
  public get autoscaler(): k8s.KubeHorizontalPodAutoscalerV2 | undefined {
    return this.autoscalerObject;
  }

  /** Adds a disk to the VM template; an existing claim only read-only, as every VM would attach it. */
  public addDisk(name: string, source: VolumeSource, options: DiskOptions = {}): VirtualMachineDisk {
    checkPoolDisk(this, name, source, options);
    return super.addDisk(name, source, options);
  }

  /** Attaches the VMs to a secondary network; fixed IPs and MACs are refused (they would be every VM's). */
  public attachNetwork(network: INetworkAttachment, options: AttachNetworkOptions = {}): NetworkAttachment {
    checkPoolAttachment(this, network, options);
    return super.attachNetwork(network, options);
  }

  /**
   * Creates a Service that selects the virt-launcher pods of every VM of the pool, by the
   * selector labels (not one VM's `vm.kubevirt.io/name`).
   */
  public exposeViaService(options: ExposeViaServiceOptions): kplus.Service {
    return super.exposeViaService(options);
  }

  protected createApiObject(props: VirtualMachinePoolProps): ApiObject {
    this.settings = checkPoolSettings(this, props);
    refuseFirmwareIdentity(this, props.firmwareIdentity);
    checkPoolDisks(this, props.disks);
    const object = new (poolL1().VirtualMachinePoolV1Beta1)(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this.renderSpec() }) as unknown as pool.VirtualMachinePoolV1Beta1Spec,
    });
    this.checkNameRoom(object.name);
    checkInstanceLabels(this, props.instanceMetadata?.labels, this.settings.selectorLabels ?? { [POOL_LABEL]: object.name });
    const autoscaling = this.settings.autoscaling;
    if (autoscaling) {
      const namespace = object.metadata.namespace;
      const metadata = namespace === undefined ? { name: object.name } : { name: object.name, namespace };
      const target = { apiVersion: object.apiVersion, kind: object.kind, name: object.name };
      this.autoscalerObject = createPoolAutoscaler(this, target, metadata, autoscaling);
    }
    this.node.addValidation({ validate: () => this.validateSecretIndexing() });
    return object;
  }

  /** The firmware UUID is left to KubeVirt, which derives it from each VM's own name. */
  protected writesFirmwareIdentity(): boolean {
    return false;
  }

  /** Services select every VM of the pool by the selector labels, which the pods carry. */
  protected podSelector(): Record<string, string> {
    return this.selectorLabels;
  }

  private renderSpec(): pool.VirtualMachinePoolV1Beta1Spec {
    const vm = this._toKube();
    const labels = this.selectorLabels;
    const { replicas, maxUnavailable, paused, nameGeneration, scaleInStrategy, updateStrategy, autohealing } = this.settings;
    // The selector labels go on the VM template (KubeVirt's pool admission requires the
    // selector to match them) and on the pods (the autoscaler's metrics and Services select them).
    const template = { ...vm.template, metadata: { ...vm.template.metadata, labels: { ...vm.template.metadata?.labels, ...labels } } };
    const spec = {
      replicas,
      selector: { matchLabels: labels },
      virtualMachineTemplate: { metadata: { labels }, spec: { ...vm, template } },
      maxUnavailable: maxUnavailable === undefined ? undefined : typeof maxUnavailable === 'number'
        ? poolL1().VirtualMachinePoolV1Beta1SpecMaxUnavailable.fromNumber(maxUnavailable)
        : poolL1().VirtualMachinePoolV1Beta1SpecMaxUnavailable.fromString(maxUnavailable),
      // A plain bool in KubeVirt's Go types: false is dropped when the pool is stored.
      paused: paused || undefined,
      nameGeneration,
      scaleInStrategy: scaleInStrategy?._toKube(),
      updateStrategy: updateStrategy?._toKube(),
      autohealing: renderAutohealing(autohealing),
    };
    return spec as unknown as pool.VirtualMachinePoolV1Beta1Spec;
  }

  /** VM names are `<pool>-<index>`: the pool's name must leave room for the largest index. */
  private checkNameRoom(name: string): void {
    const { replicas, autoscaling } = this.settings;
    const most = Math.max(replicas ?? 1, autoscaling?.maxReplicas ?? 1);
    const suffix = `-${Math.max(most - 1, 0)}`;
    if (name.length + suffix.length <= MAX_VM_NAME) return;
    throw constructError(this, `metadata.name ${show(name)} has ${name.length} characters, and its VMs are named "<pool>${suffix}", which KubeVirt uses as hostname and label value (at most ${MAX_VM_NAME}): use a name of at most ${MAX_VM_NAME - suffix.length} characters`);
  }

  private validateSecretIndexing(): string[] {
    const generated = this.node.tryFindChild('CloudInitSecret') as ApiObject | undefined;
    return secretIndexingProblems(this.settings.nameGeneration, this._toKube().template.spec?.volumes, generated?.name);
  }
}
