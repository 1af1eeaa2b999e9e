import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { checkFilters, checkNewMacs, checkSerial } from './clone-checks';
import { JsonPatch, metadataValue, optionalString, renderPatches } from './inputs';
import { backendStorageUsers, fixedAddresses, instanceSpecOf, interfaceMacs, vmLabel, warn } from './source-vm';
import { VirtualMachineSnapshot } from './virtual-machine-snapshot';
import * as clone from '../../imports/clone.kubevirt.io';
import { assertPropsObject, constructError, show } from '../common/errors';
import { dnsSubdomainProblem } from '../common/names';
import { VirtualMachine } from '../compute/virtual-machine';
import { KubeResource } from '../core/kube-resource';
import { DeploymentPhase, setDeploymentPhase } from '../gitops/deployment-phase';
import { restorePatchProblem } from '../model/restore-patches';
import { withdrawRefused } from '../network/refused-construct';

/** Properties of `VirtualMachineClone`. */
export interface VirtualMachineCloneProps {
  /** What to clone: a declared VM, or a snapshot of one. */
  readonly source: VirtualMachine | VirtualMachineSnapshot;
  /**
   * Name of the new VM (it must not exist yet).
   * @default - KubeVirt generates one (status.targetName)
   */
  readonly targetName?: string;
  /**
   * Name (and labels, annotations) of the clone object; its namespace is the VM's.
   * @default - a name generated from the construct path
   */
  readonly metadata?: Omit<ApiObjectMetadata, 'namespace'>;
  /**
   * The VM labels the clone keeps: keys, key prefixes ending in `*`, `*` for all, and `!key`
   * to drop one (KubeVirt matches each as a regular expression; negations win).
   * @default - all labels are kept
   */
  readonly labelFilters?: string[];
  /**
   * The VM annotations the clone keeps, as labelFilters.
   * @default - all annotations are kept
   */
  readonly annotationFilters?: string[];
  /**
   * The labels of the VM's instance template (`spec.template.metadata`) the clone keeps.
   * @default - all are kept
   */
  readonly templateLabelFilters?: string[];
  /**
   * The annotations of the VM's instance template the clone keeps.
   * @default - all are kept
   */
  readonly templateAnnotationFilters?: string[];
  /**
   * MAC addresses of the clone's interfaces, by interface name ("" lets the cluster assign one).
   * @default - every interface's MAC is cleared, for the cluster's MAC pool (KubeMacPool) to assign
   */
  readonly newMacAddresses?: Record<string, string>;
  /**
   * The clone's SMBIOS serial.
   * @default - cleared, so KubeVirt generates a new one
   */
  readonly newSmbiosSerial?: string;
  /**
   * JSON patches applied to the new VM.
   * @default - none
   */
  readonly patches?: JsonPatch[];
}

/**
 * A clone of a declared VM or of a snapshot of one (`VirtualMachineClone`,
 * clone.kubevirt.io/v1beta1) into a new VM, through a snapshot and a restore KubeVirt makes. The
 * clone gets a new firmware UUID and SMBIOS serial and new MACs. Keep it in a day-2 chart:
 * applying it clones once (KubeVirt deletes the clone object when the new VM is deleted, and a
 * GitOps tool would then clone again).
 *
 * Synth fails for what KubeVirt's clone webhook refuses, for what the restore it creates would
 * refuse (a patch value or serial holding ":" or ","; so MACs are written with "-"), and for
 * what can be judged from the declared VM: a source with a persistent TPM or EFI variables,
 * a MAC for an interface the VM lacks or one the VM itself has. A source
 * with fixed addresses gets a warning (the clone has them too). Like a snapshot, the clone
 * needs a VolumeSnapshotClass for its disks' storage classes, which is not known offline.
 *
 * @see https://kubevirt.io/user-guide/storage/clone_api/
 */
export class VirtualMachineClone extends KubeResource {
  /** @see kplus.Resource */
  public readonly resourceType = 'virtualmachineclones';
  /** The clone object. */
  public readonly apiObject: ApiObject;
  /** The VM cloned (the VM of the snapshot, for a snapshot source). */
  public readonly vm: VirtualMachine;
  /** The new VM's name, when given. */
  public readonly targetName?: string;
  private readonly newMacs?: Record<string, string>;

  public constructor(scope: Construct, id: string, props: VirtualMachineCloneProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'VirtualMachineCloneProps', '{ source: vm }');
      const source = props.source;
      if (!(source instanceof VirtualMachine) && !(source instanceof VirtualMachineSnapshot)) {
        throw constructError(this, `source ${show(source)} must be a VirtualMachine or VirtualMachineSnapshot construct of this app`);
      }
      this.vm = source instanceof VirtualMachine ? source : source.vm;
      const metadata = metadataValue(this, props.metadata);
      this.assertMetadataName(metadata);
      this.targetName = this.checkTargetName(source, props.targetName);
      this.newMacs = checkNewMacs(this, props.newMacAddresses);
      const namespace = this.vm.namespace;
      this.apiObject = new clone.VirtualMachineClone(this, 'Resource', {
        metadata: { ...metadata, ...(namespace !== undefined ? { namespace } : {}) },
        spec: {
          source: source instanceof VirtualMachine
            ? { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: source.name }
            : { apiGroup: 'snapshot.kubevirt.io', kind: 'VirtualMachineSnapshot', name: source.name },
          target: this.targetName !== undefined ? { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: this.targetName } : undefined,
          labelFilters: checkFilters(this, 'labelFilters', props.labelFilters),
          annotationFilters: checkFilters(this, 'annotationFilters', props.annotationFilters),
          template: this.templateFilters(props),
          newMacAddresses: this.newMacs,
          newSmBiosSerial: checkSerial(this, props.newSmbiosSerial),
          patches: this.checkPatches(props.patches),
        },
      });
      setDeploymentPhase(this, DeploymentPhase.WORKLOADS);
      this.node.addValidation({ validate: () => this.problems() });
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }

  private checkTargetName(source: VirtualMachine | VirtualMachineSnapshot, targetName: string | undefined): string | undefined {
    const name = optionalString(this, 'targetName', targetName);
    if (name === undefined) return undefined;
    const problem = dnsSubdomainProblem(name);
    if (problem) throw constructError(this, `targetName ${show(name)} ${problem}`);
    if (source instanceof VirtualMachine && name === source.name) {
      throw constructError(this, `targetName ${show(name)} is the source VM's own name, which KubeVirt refuses: a clone is a new VM, give it another name`);
    }
    return name;
  }

  private templateFilters(props: VirtualMachineCloneProps): clone.VirtualMachineCloneSpecTemplate | undefined {
    const labelFilters = checkFilters(this, 'templateLabelFilters', props.templateLabelFilters);
    const annotationFilters = checkFilters(this, 'templateAnnotationFilters', props.templateAnnotationFilters);
    return labelFilters || annotationFilters ? { labelFilters, annotationFilters } : undefined;
  }

  private checkPatches(patches: readonly JsonPatch[] | undefined): string[] | undefined {
    const rendered = renderPatches(this, 'patches', patches);
    rendered?.forEach((patch, index) => {
      const problem = restorePatchProblem(patch, 'the webhook of the restore KubeVirt creates for the clone');
      if (problem) throw constructError(this, `patches[${index}] ${patch} ${problem}`);
    });
    return rendered;
  }

  private problems(): string[] {
    const spec = instanceSpecOf(this.vm);
    if (!spec) return [];
    const label = show(vmLabel(this.vm));
    const errors: string[] = [];
    const backend = backendStorageUsers(spec);
    if (backend.length > 0) {
      errors.push(`VirtualMachine ${label} has ${backend.join(' and ')}, kept on backend storage, and KubeVirt does not clone such a VM ("Clone of source with backendstorage is not supported"): create the new VM from its own declaration`);
    }
    const macs = interfaceMacs(spec);
    for (const [iface, mac] of Object.entries(this.newMacs ?? {})) {
      if (!macs.has(iface)) {
        errors.push(`newMacAddresses: VirtualMachine ${label} has no interface ${show(iface)} (it has ${[...macs.keys()].map((n) => show(n)).join(', ') || 'none'}), and KubeVirt ignores MACs of other names: name one of those`);
      } else if (mac !== '' && [...macs.values()].some((own) => own?.toLowerCase() === mac.replace(/-/g, ':').toLowerCase())) {
        errors.push(`newMacAddresses[${show(iface)}] ${show(mac)} is a MAC of VirtualMachine ${label} itself, so the two would clash: give the clone another MAC, or "" to let the cluster assign one`);
      }
    }
    const fixed = fixedAddresses(this.vm);
    if (fixed.length > 0) {
      warn(this, [`the clone of VirtualMachine ${label} gets its fixed addresses (${fixed.join(', ')}), which then clash: change the clone's addresses before starting it`]);
    }
    return errors;
  }
}
