/**
 * The baseline: the manifests of `buildFleet`, written as raw cdk8s `ApiObject`s, as a user
 * without this library would write them (every field spelled out, MACs and IPs computed by hand,
 * cloud-init base64-encoded into the Secret). A test keeps its YAML byte-identical to the fleet's.
 *
 * With `gitops`, the objects are those a Fleet cluster writes: the Argo CD sync waves and sync
 * options a GitOps user writes by hand, and MACs derived with the cluster's name.
 */
import { createHash } from 'crypto';
import { ApiObject, App, Chart } from 'cdk8s';
import { firmwareIdentity } from './library';

const IMAGE_URL = 'https://images.example.com/rhel9.qcow2';
const STORAGE_CLASS = 'ocs-storagecluster-ceph-rbd-virtualization';
const NAMESPACE = 'mq';
const DISK_ANNOTATIONS = {
  'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
  'kustomize.toolkit.fluxcd.io/prune': 'disabled',
};

/** What a Fleet cluster's objects differ by: the cluster (in MACs) and the GitOps annotations. */
export interface RawFleetOptions {
  /** The Fleet cluster, when the objects are one cluster's of a Fleet. */
  readonly cluster?: string;
}

/** Annotations of an object: its own, plus the sync wave and options a Fleet cluster writes. */
function annotationsOf(options: RawFleetOptions, own: Record<string, string> | undefined, wave: number, skipDryRun: boolean) {
  if (options.cluster === undefined) return own;
  const syncOptions = [own?.['argocd.argoproj.io/sync-options'], skipDryRun ? 'SkipDryRunOnMissingResource=true' : undefined].filter(Boolean).join(',');
  return {
    ...(syncOptions ? { 'argocd.argoproj.io/sync-options': syncOptions } : {}),
    'argocd.argoproj.io/sync-wave': String(wave),
    ...(own?.['kustomize.toolkit.fluxcd.io/prune'] ? { 'kustomize.toolkit.fluxcd.io/prune': own['kustomize.toolkit.fluxcd.io/prune'] } : {}),
  };
}

function mac(...names: string[]): string {
  const digest = createHash('sha256').update(names.join('/')).digest();
  return [0x02, ...digest.subarray(0, 5)].map((o) => o.toString(16).padStart(2, '0')).join(':');
}

/** The i-th host of 10.20.0.0/16 (the pool hands out .1, .2, ... in order). */
function poolAddress(i: number): string {
  const host = i + 1;
  return `10.20.${Math.floor(host / 256)}.${host % 256}`;
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function rwxBlockStorage(size: string) {
  return {
    accessModes: ['ReadWriteMany'],
    resources: { requests: { storage: size } },
    storageClassName: STORAGE_CLASS,
    volumeMode: 'Block',
  };
}

/** The VirtualMachine of the i-th VM, every field spelled out. */
function rawVirtualMachine(chart: Chart, name: string, podMac: string, replicationMac: string, options: RawFleetOptions): void {
  const disk = (diskName: string, extra: object = {}) => ({ ...extra, disk: { bus: 'virtio' }, name: diskName });
  new ApiObject(chart, name, {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    // A VM owning DataVolume templates is kept from GitOps deletion like its disks.
    metadata: { name, annotations: annotationsOf(options, DISK_ANNOTATIONS, 3, true) },
    spec: {
      dataVolumeTemplates: [{
        metadata: { name: `${name}-rootdisk` },
        spec: { source: { http: { url: IMAGE_URL } }, storage: rwxBlockStorage('30Gi') },
      }],
      runStrategy: 'Always',
      template: {
        metadata: { labels: { 'vm.kubevirt.io/name': name } },
        spec: {
          domain: {
            cpu: { cores: 2 },
            devices: {
              disks: [disk('rootdisk', { bootOrder: 1 }), disk('drbd'), disk('cloudinitdisk')],
              interfaces: [
                { macAddress: podMac, masquerade: {}, name: 'default', ports: [{ name: 'mq-listener', port: 1414 }] },
                { bridge: {}, macAddress: replicationMac, name: 'repl' },
              ],
            },
            // The stable firmware identity a careful user would derive too; the function is plain code, not a construct.
            firmware: firmwareIdentity().withFirmwareIdentity({}, NAMESPACE, name).firmware,
            memory: { guest: '8Gi' },
          },
          evictionStrategy: 'LiveMigrate',
          networks: [{ name: 'default', pod: {} }, { multus: { networkName: 'replication' }, name: 'repl' }],
          volumes: [
            { dataVolume: { name: `${name}-rootdisk` }, name: 'rootdisk' },
            { dataVolume: { name: `${name}-drbd` }, name: 'drbd' },
            {
              cloudInitNoCloud: { networkDataSecretRef: { name: `${name}-cloud-init` }, secretRef: { name: `${name}-cloud-init` } },
              name: 'cloudinitdisk',
            },
          ],
        },
      },
    },
  });
}

/** The cloud-init Secret of the i-th VM: network data with its MACs and pool address, base64-encoded by hand. */
function rawCloudInitSecret(chart: Chart, name: string, i: number, podMac: string, replicationMac: string, options: RawFleetOptions): void {
  const networkData = {
    version: 2,
    ethernets: {
      default: { match: { macaddress: podMac }, dhcp4: true },
      repl: { match: { macaddress: replicationMac }, dhcp4: false, addresses: [`${poolAddress(i)}/16`] },
    },
  };
  new ApiObject(chart, `${name}-cloud-init`, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: `${name}-cloud-init`, annotations: annotationsOf(options, undefined, 2, false) },
    data: {
      networkdata: base64(JSON.stringify(networkData)),
      userdata: base64('#cloud-config\nuser: mqadmin\nssh_pwauth: false\n'),
    },
    type: 'Opaque',
  });
}

export function buildRawFleet(count: number, app: App, options: RawFleetOptions = {}): App {
  const chart = new Chart(app, 'fleet', { namespace: NAMESPACE });
  new ApiObject(chart, 'replication', {
    apiVersion: 'k8s.cni.cncf.io/v1',
    kind: 'NetworkAttachmentDefinition',
    metadata: { name: 'replication', annotations: annotationsOf(options, undefined, 2, true) },
    spec: { config: JSON.stringify({ cniVersion: '0.3.1', name: 'replication', type: 'bridge', bridge: 'br-repl' }) },
  });
  // Per VM, in the fleet's order: VirtualMachine, Service, cloud-init Secret, DRBD DataVolume.
  for (let i = 0; i < count; i++) {
    const name = `vm-${i}`;
    const salt = options.cluster === undefined ? [] : [options.cluster];
    const podMac = mac(...salt, NAMESPACE, name, 'default');
    const replicationMac = mac(...salt, NAMESPACE, name, 'repl');
    rawVirtualMachine(chart, name, podMac, replicationMac, options);
    new ApiObject(chart, `${name}-service`, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, annotations: annotationsOf(options, undefined, 3, false) },
      spec: {
        ports: [{ name: 'mq-listener', port: 1414, protocol: 'TCP' }],
        selector: { 'vm.kubevirt.io/name': name },
        type: 'ClusterIP',
      },
    });
    rawCloudInitSecret(chart, name, i, podMac, replicationMac, options);
    new ApiObject(chart, `${name}-drbd`, {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name: `${name}-drbd`, annotations: annotationsOf(options, DISK_ANNOTATIONS, 2, true) },
      spec: { source: { blank: {} }, storage: rwxBlockStorage('50Gi') },
    });
  }
  return app;
}
