// Two VMs, each with a fixed address on a Linux bridge, as in the classic OpenShift
// Virtualization demo: one network per VM with static IPAM (161.156.177.55/28 and .56/28);
// KubeVirt's in-pod DHCP server hands each VM its network's address.
//
// The same networks are declared twice, in the two forms a cluster may want:
//   secondary-networks.k8s.yaml            NetworkAttachmentDefinitions (any Kubernetes with Multus)
//   secondary-networks-openshift.k8s.yaml  additionalNetworks of networks.operator.openshift.io/cluster,
//                                          from which OpenShift's network operator creates the NADs
//                                          (apply it with `kubectl apply --server-side`)
// Pick one. They are separate apps because within one app each address may be claimed once.
import { Chart, ChartProps, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  CloudInitOptions, CniPlugin, INetworkAttachment, Ipam, NetworkAttachmentDefinition, OpenShiftAdditionalNetworks,
  VirtualMachine, VirtualizationApp, VolumeSource, WorkloadNamespace,
} from 'kubevirt-constructs';

const NAMESPACE = 'vms';
const NETWORKS = [
  { name: 'br1-static-55', address: '161.156.177.55/28', vm: 'fedora-55' },
  { name: 'br1-static-56', address: '161.156.177.56/28', vm: 'fedora-56' },
];
// Replace with your own public key (the content of ~/.ssh/id_ed25519.pub).
const CLOUD_INIT: CloudInitOptions = {
  userData: { user: 'fedora', ssh_pwauth: false },
  sshAuthorizedKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAhCxPMxh2Arju4gJObsWwtHleQw3Ry7voAQRGtue04f demo@kubevirt-constructs'],
};

/** A Fedora VM on the pod network (masquerade) plus its own bridge network. */
function fedoraOn(scope: Construct, name: string, network: INetworkAttachment): VirtualMachine {
  const vm = new VirtualMachine(scope, name, {
    metadata: { name, labels: { app: 'secondary-networks-demo' } },
    cpu: { cores: 1 },
    memory: Size.gibibytes(2),
    disks: [{ name: 'rootdisk', source: VolumeSource.containerDisk('quay.io/containerdisks/fedora:40'), bootOrder: 1 }],
    cloudInit: CLOUD_INIT,
  });
  vm.attachNetwork(network, { interfaceName: 'br1' });
  return vm;
}

/** The networks as NetworkAttachmentDefinitions. */
export class SecondaryNetworksChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    new WorkloadNamespace(this, 'namespace', { name: NAMESPACE });
    for (const { name, address, vm } of NETWORKS) {
      const network = new NetworkAttachmentDefinition(this, name, {
        metadata: { name },
        cni: CniPlugin.bridge({ bridge: 'br1' }),
        ipam: Ipam.static({ addresses: [address] }),
        // bridge-marker: schedule the VM only onto nodes that have br1.
        resourceName: 'bridge.network.kubevirt.io/br1',
      });
      fedoraOn(this, vm, network);
    }
  }
}

/** The same networks through OpenShift's cluster network operator. */
export class OpenShiftSecondaryNetworksChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    new WorkloadNamespace(this, 'namespace', { name: NAMESPACE });
    const additionalNetworks = new OpenShiftAdditionalNetworks(this, 'additional-networks');
    for (const { name, address, vm } of NETWORKS) {
      const network = additionalNetworks.addNetwork({
        name,
        namespace: NAMESPACE,
        cni: CniPlugin.bridge({ bridge: 'br1' }),
        ipam: Ipam.static({ addresses: [address] }),
      });
      fedoraOn(this, vm, network);
    }
  }
}

const app = new VirtualizationApp();
new SecondaryNetworksChart(app, 'secondary-networks', { namespace: NAMESPACE });
app.synth();

const openshift = new VirtualizationApp();
new OpenShiftSecondaryNetworksChart(openshift, 'secondary-networks-openshift', { namespace: NAMESPACE });
openshift.synth();
