import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { IForkliftProvider, forkliftRef, providerRefs } from './forklift-provider';
import { ForkliftResource } from './forklift-resource';
import { NetworkMap } from './network-map';
import { StorageMap } from './storage-map';
import { assertPropsObject, constructError, show } from '../../common/errors';
import { dnsLabelProblem } from '../../common/names';
import { forkliftL1 } from '../../core/module-on-first-use';
import { INetworkAttachment } from '../../network/network-attachment';
import { withdrawRefused } from '../../network/refused-construct';

/** A vSphere VM in a plan, and what it uses there (checked against the maps). */
export interface PlanVm {
  /**
   * The VM's name in vSphere.
   * @default - give `id` instead
   */
  readonly name?: string;
  /**
   * The VM's managed object id in vSphere, e.g. "vm-1234".
   * @default - give `name` instead
   */
  readonly id?: string;
  /**
   * The vSphere networks the VM's NICs are on: each must be in the plan's NetworkMap.
   * @default - not checked here (Forklift checks the inventory when the plan runs)
   */
  readonly networks?: string[];
  /**
   * The datastores the VM's disks are on: each must be in the plan's StorageMap.
   * @default - not checked here
   */
  readonly datastores?: string[];
}

/** Properties of `MigrationPlan`. */
export interface MigrationPlanProps {
  /**
   * Name and namespace (the providers' namespace).
   * @default - a name generated from the construct path; the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /** The vSphere provider. */
  readonly source: IForkliftProvider;
  /** The target provider. */
  readonly destination: IForkliftProvider;
  readonly networkMap: NetworkMap;
  readonly storageMap: StorageMap;
  /** The namespace the VMs are created in. */
  readonly targetNamespace: string;
  /** The VMs to migrate. */
  readonly vms: PlanVm[];
  /**
   * Warm migration: copy the disks while the source VMs run, then a short cutover.
   * @default false (cold: the VMs are shut down first)
   */
  readonly warm?: boolean;
  /**
   * A Multus network for the disk transfer, instead of the pod network.
   * @default - the pod network
   */
  readonly transferNetwork?: INetworkAttachment;
}

/** Options of `plan.start`. */
export interface StartMigrationOptions {
  /**
   * Name and labels of the Migration object.
   * @default - a name generated from the construct path; the plan's namespace
   */
  readonly metadata?: Omit<ApiObjectMetadata, 'namespace'>;
  /**
   * Warm migrations: when to cut over (shut the source down and copy the last changes).
   * @default - not scheduled (set it later)
   */
  readonly cutover?: Date;
}

/**
 * A Forklift / MTV migration `Plan` (forklift.konveyor.io/v1beta1): which vSphere VMs go to which
 * namespace, through which network and storage maps. Synth fails when a VM uses a network or
 * datastore the maps do not cover, or the maps belong to other providers. `plan.start(...)`
 * writes the `Migration` that runs it.
 */
export class MigrationPlan extends ForkliftResource {
  /** @see kplus.Resource */
  public readonly resourceType = 'plans';
  /** The Forklift object. */
  public readonly apiObject: ApiObject;
  private readonly props: MigrationPlanProps;

  public constructor(scope: Construct, id: string, props: MigrationPlanProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'MigrationPlanProps', '{ source: vsphere, destination: host, networkMap, storageMap, targetNamespace: "vms", vms: [{ name: "web-1" }] }');
      this.props = props;
      const fail = (problem: string): never => {
        throw constructError(this, problem);
      };
      if (!(props.networkMap instanceof NetworkMap)) fail('networkMap must be a NetworkMap of this app');
      if (!(props.storageMap instanceof StorageMap)) fail('storageMap must be a StorageMap of this app');
      const nsProblem = dnsLabelProblem(props.targetNamespace);
      if (nsProblem) fail(`targetNamespace ${show(props.targetNamespace)} ${nsProblem}`);
      if (!Array.isArray(props.vms) || props.vms.length === 0) fail('vms is empty: list the vSphere VMs to migrate, e.g. [{ name: "web-1" }]');
      const seen = new Set<string>();
      props.vms.forEach((vm, i) => {
        if ((vm.name === undefined) === (vm.id === undefined)) fail(`vms[${i}] needs exactly one of name and id`);
        const key = vm.name ?? vm.id!;
        if (seen.has(key)) fail(`vms[${i}] ${show(key)} is listed twice`);
        seen.add(key);
      });
      this.apiObject = this.createResource(forkliftL1().Plan.GVK, props.metadata);
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }

  /** Writes the `Migration` that runs this plan (apply it when the migration should start). */
  public start(scope: Construct, id: string, options: StartMigrationOptions = {}): ApiObject {
    if (options.cutover !== undefined && !this.props.warm) {
      throw constructError(this, 'start: cutover is for warm migrations, and this plan is cold: set warm: true on the plan, or drop cutover');
    }
    if (options.cutover !== undefined && Number.isNaN(options.cutover.getTime())) throw constructError(this, 'start: cutover is not a valid date');
    const namespace = this.namespace;
    return new ApiObject(scope, id, {
      ...forkliftL1().Migration.GVK,
      metadata: { ...options.metadata, ...(namespace !== undefined ? { namespace } : {}) },
      spec: Lazy.any({
        produce: () => ({
          plan: forkliftRef(this, 'plan'),
          ...(options.cutover ? { cutover: options.cutover.toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
        }),
      }),
    });
  }

  protected problems(): string[] {
    const { source, destination, networkMap, storageMap, vms } = this.props;
    const problems: string[] = [];
    for (const [what, map] of [['networkMap', networkMap], ['storageMap', storageMap]] as const) {
      if (map.source !== source) problems.push(`${what} ${show(map.name)} maps provider ${show(map.source.name)}, but the plan migrates from ${show(source.name)}: use a map of the same source provider`);
      if (map.destination !== destination) problems.push(`${what} ${show(map.name)} targets provider ${show(map.destination.name)}, but the plan targets ${show(destination.name)}`);
    }
    for (const vm of vms) {
      const label = show(vm.name ?? vm.id);
      for (const network of vm.networks ?? []) {
        if (!networkMap.sourceNetworks.includes(network)) {
          problems.push(`VM ${label} is on vSphere network ${show(network)}, which NetworkMap ${show(networkMap.name)} does not map: add networkMap.mapToPodNetwork(${show(network)}) or mapToMultus(${show(network)}, ...)`);
        }
      }
      for (const datastore of vm.datastores ?? []) {
        if (!storageMap.datastores.includes(datastore)) {
          problems.push(`VM ${label} has disks on datastore ${show(datastore)}, which StorageMap ${show(storageMap.name)} does not map: add storageMap.map(${show(datastore)}, { storageClass: ... })`);
        }
      }
    }
    for (const ref of [forkliftRef(this, 'plan'), forkliftRef(networkMap, 'NetworkMap'), forkliftRef(storageMap, 'StorageMap')]) {
      if (typeof ref === 'string') problems.push(ref);
    }
    return problems;
  }

  protected renderSpec(): object {
    const { source, destination, networkMap, storageMap, vms, warm, targetNamespace, transferNetwork } = this.props;
    return {
      provider: providerRefs(source, destination),
      map: { network: forkliftRef(networkMap, 'NetworkMap'), storage: forkliftRef(storageMap, 'StorageMap') },
      targetNamespace,
      type: warm ? 'warm' : 'cold',
      vms: vms.map((vm) => (vm.name !== undefined ? { name: vm.name } : { id: vm.id })),
      ...(transferNetwork ? { transferNetwork: { name: transferNetwork.name, namespace: transferNetwork.namespace ?? this.namespace } } : {}),
    };
  }
}
