// `pulumi up` on plain Kubernetes: KubeVirt and CDI from their release manifests (fetched by the
// Kubernetes provider, or local files on air-gapped clusters), then a VM declared with flat
// arguments only, the way a Python, Go or YAML program would declare it.
import * as pulumi from '@pulumi/pulumi';
import { VirtualMachine, VirtualizationRuntime } from 'kubevirt-constructs/pulumi';

const config = new pulumi.Config();

const runtime = new VirtualizationRuntime('virtualization', {
  mode: 'kubevirt',
  kubevirtVersion: config.get('kubevirtVersion') ?? 'v1.6.2',
  cdiVersion: config.get('cdiVersion') ?? 'v1.62.0',
  // Air-gapped: point these at the downloaded files instead.
  kubevirtOperatorManifest: config.get('kubevirtOperatorManifest'),
  cdiOperatorManifest: config.get('cdiOperatorManifest'),
  emulation: config.getBoolean('emulation') ?? true,
});

const fedora = new VirtualMachine('fedora', {
  namespace: 'default',
  cores: 2,
  memory: '2Gi',
  containerDiskImage: 'quay.io/containerdisks/fedora:40',
  sshPublicKeys: config.get('sshPublicKey') ? [config.require('sshPublicKey')] : [],
  // A secret config value stays a secret: it is written only into a Kubernetes Secret.
  userData: config.getSecret('userData') ?? '#cloud-config\nuser: fedora\nssh_pwauth: false\n',
}, { dependsOn: [runtime] });

export const vmName = fedora.vmName;
export const vmObjects = fedora.urns;
export const runtimeObjects = runtime.urns;
// The guest's addresses, read from its VirtualMachineInstance once the VM is Ready.
export const vmAddresses = fedora.ipAddresses;
