import { createHash } from 'crypto';
import { IConstruct } from 'constructs';
import * as kubevirt from '../../imports/kubevirt.io';
import { constructError, show } from '../common/errors';

/** The SMBIOS identity of a VM's firmware, as the guest reads it (`dmidecode -s system-uuid`). */
export interface FirmwareIdentity {
  /** The system UUID. @default - derived from namespace and name */
  readonly uuid?: string;
  /** The system serial number. @default - derived from namespace and name */
  readonly serial?: string;
}

/**
 * The namespace of our name-based UUIDs. Fixed for good: changing it would change the identity
 * of every VM this library has written.
 */
const FIRMWARE_NAMESPACE = 'b7a3f4d2-6c1e-4f8a-9d25-3e8c0a71f6b9';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The 16 bytes of the UUID namespaces used, parsed once each (every VM hashes two names in one). */
const namespaceBuffers = new Map<string, Buffer>();
function namespaceBytes(namespace: string): Buffer {
  let bytes = namespaceBuffers.get(namespace);
  if (bytes === undefined) {
    if (namespaceBuffers.size >= 16) namespaceBuffers.clear();
    namespaceBuffers.set(namespace, (bytes = Buffer.from(namespace.replace(/-/g, ''), 'hex')));
  }
  return bytes;
}

/** An RFC 4122 name-based UUID (version 5, SHA-1) of `name` in `namespace`. */
export function uuidV5(namespace: string, name: string): string {
  const bytes = createHash('sha1').update(namespaceBytes(namespace)).update(name, 'utf8').digest().subarray(0, 16);
  // RFC 4122 section 4.3: the version (5) and variant (10xx) bits.
  bytes[6] = bytes[6] % 0x10 + 0x50;
  bytes[8] = bytes[8] % 0x40 + 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Checks a `firmwareIdentity` prop (plain JS included). */
export function checkFirmwareIdentity(vm: IConstruct, identity: unknown): void {
  if (identity === undefined) return;
  if (typeof identity !== 'object' || identity === null) throw constructError(vm, `firmwareIdentity ${show(identity)} must be an object such as { uuid: "...", serial: "..." }`);
  const { uuid, serial } = identity as FirmwareIdentity;
  if (uuid !== undefined && (typeof uuid !== 'string' || !UUID.test(uuid))) {
    throw constructError(vm, `firmwareIdentity.uuid ${show(uuid)} is not a lower-case UUID (8-4-4-4-12 hex digits): copy it from the running VM (spec.template.spec.domain.firmware.uuid), or leave it out for one derived from namespace and name`);
  }
  if (serial !== undefined && (typeof serial !== 'string' || serial === '')) {
    throw constructError(vm, `firmwareIdentity.serial ${show(serial)} must be a non-empty string, or left out for one derived from namespace and name`);
  }
}

/**
 * The domain with its firmware UUID and serial written. KubeVirt invents both at random when a VM
 * is created without them and writes them into the VM's spec (kubevirt/kubevirt vm-mutator.go
 * `setFirmwareDefaultsIfEmpty`): a VM deleted and re-created from Git would get a new identity,
 * and the spec in the cluster no longer matches Git. Derived from namespace and name instead, they
 * are the same on every synth and every cluster, and differ between namespaces.
 */
export function withFirmwareIdentity<D extends { firmware?: kubevirt.VirtualMachineSpecTemplateSpecDomainFirmware }>(
  domain: D, namespace: string | undefined, name: string, identity: FirmwareIdentity = {},
): D & { firmware: kubevirt.VirtualMachineSpecTemplateSpecDomainFirmware } {
  const qualified = `${namespace ?? ''}/${name}`;
  return {
    ...domain,
    firmware: {
      ...domain.firmware,
      uuid: identity.uuid ?? uuidV5(FIRMWARE_NAMESPACE, `uuid:${qualified}`),
      serial: identity.serial ?? uuidV5(FIRMWARE_NAMESPACE, `serial:${qualified}`),
    },
  };
}
