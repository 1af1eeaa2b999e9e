import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { RunStrategy } from '../compute/run-strategy';
import { VirtualMachine } from '../compute/virtual-machine';
import { KubeObject, qualifiedName } from '../model/object-index';
import { AppValidation } from '../validation/app-validation';

/**
 * What the backup constructs can know offline about a declared VM: read from its manifest as
 * it is rendered at synth time, so disks and networks added after the backup construct count.
 */

/** `namespace/name` of the VM, for messages. */
export function vmLabel(vm: VirtualMachine): string {
  return qualifiedName(vm.namespace, vm.name);
}

/** The VM's instance spec (`spec.template.spec`), or undefined when its manifest cannot render (cdk8s reports why). */
export function instanceSpecOf(vm: VirtualMachine): KubeObject | undefined {
  try {
    return (ApiObject.of(vm).toJson() as KubeObject).spec?.template?.spec;
  } catch {
    return undefined;
  }
}

function volumesOf(spec: KubeObject): KubeObject[] {
  return Array.isArray(spec.volumes) ? spec.volumes : [];
}

/** Names of all the VM's volumes. */
export function volumeNames(spec: KubeObject): string[] {
  return volumesOf(spec).map((volume) => volume.name);
}

/** Names of the volumes a snapshot can hold: those on a PersistentVolumeClaim or DataVolume. */
export function claimVolumeNames(spec: KubeObject): string[] {
  return volumesOf(spec).filter((v) => v.persistentVolumeClaim !== undefined || v.dataVolume !== undefined).map((v) => v.name);
}

/** Interface name -> its fixed MAC address (undefined when KubeVirt or the cluster assigns one). */
export function interfaceMacs(spec: KubeObject): Map<string, string | undefined> {
  const interfaces: KubeObject[] = Array.isArray(spec.domain?.devices?.interfaces) ? spec.domain.devices.interfaces : [];
  return new Map(interfaces.map((i) => [i.name, i.macAddress]));
}

/**
 * What makes KubeVirt keep VM state on "backend storage" (a PVC of its own): a persistent TPM
 * or persistent EFI variables (pkg/storage/backend-storage IsBackendStorageNeeded, v1.9.0).
 */
export function backendStorageUsers(spec: KubeObject): string[] {
  const users: string[] = [];
  if (spec.domain?.devices?.tpm?.persistent === true) users.push('a persistent TPM');
  if (spec.domain?.firmware?.bootloader?.efi?.persistent === true) users.push('persistent EFI variables');
  return users;
}

/** `interface "x" (10.0.0.5/24)` for each interface whose address is fixed at synth (guest config or static IPAM). */
export function fixedAddresses(vm: VirtualMachine): string[] {
  return vm.networkAttachments
    .filter((attachment) => attachment.addresses.length > 0)
    .map((attachment) => `interface ${JSON.stringify(attachment.interfaceName)} (${attachment.addresses.join(', ')})`);
}

/** Whether the VM is declared to run (so it is running when a day-2 object reaches it). */
export function declaredRunning(vm: VirtualMachine): boolean {
  return vm.runStrategy === RunStrategy.ALWAYS || vm.runStrategy === RunStrategy.RERUN_ON_FAILURE;
}

/**
 * Reports warnings about `scope` where the app's warnings go (`[path] warning: ...`); the app's
 * validation reports each line once per synthesis, though cdk8s validates again for every chart.
 */
export function warn(scope: IConstruct, warnings: string[]): void {
  AppValidation.of(scope)._warn(warnings.map((warning) => `[${scope.node.path}] warning: ${warning}`));
}
