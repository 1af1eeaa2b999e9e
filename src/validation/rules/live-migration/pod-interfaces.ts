import { listOf } from '../../../common/objects';
import { ALLOW_POD_BRIDGE_MIGRATION_ANNOTATION, MigrationBlockerReason } from '../../../model/live-migration';
import { KubeObject } from '../../../model/object-index';
import { defaultedVmSpec } from '../../../model/vm-defaults';
import { MigrationCheck, MigrationSubject } from '../../migration-check';

/** Ports KubeVirt reserves on the pod network for migration traffic. */
const MIGRATION_PORTS = [49152, 49153];

/** Whether a network of that name is on the pod network (a VM has a few networks: a scan, not a Set per VM). */
function onPodNetwork(networks: readonly KubeObject[], name: unknown): boolean {
  for (let i = 0; i < networks.length; i++) {
    const network = networks[i];
    // As a Set would compare them (a NaN name from YAML matches NaN).
    if (network?.pod !== undefined && (network.name === name || (Number.isNaN(name) && Number.isNaN(network.name)))) return true;
  }
  return false;
}

/** The field path of the interface at `position` (built only for a blocker). */
const interfacePath = (subject: MigrationSubject, position: number): string => `${subject.specPath}.domain.devices.interfaces[${position}]`;

/** Interfaces on the pod network: bridge binding keeps the pod's IP, and two ports are KubeVirt's. */
export const podInterfaces: MigrationCheck = {
  id: 'pod-interfaces',
  order: 300,
  reasons: [{ reason: MigrationBlockerReason.INTERFACE, when: `bridge binding on the pod network without the \`${ALLOW_POD_BRIDGE_MIGRATION_ANNOTATION}\` annotation; a declared port 49152 or 49153` }],
  reference: 'https://github.com/kubevirt/kubevirt/blob/main/pkg/virt-handler/vm.go',
  check(subject) {
    // With the pod interface KubeVirt adds to a VM that declares none.
    const { spec, defaulted } = defaultedVmSpec(subject.vm);
    const networks: KubeObject[] = listOf(spec.networks);
    const interfaces: KubeObject[] = listOf(spec.domain?.devices?.interfaces);
    // Loops, not forEach: no closures per interface and port of a fleet's VMs (holes are skipped, as forEach skips them).
    for (let i = 0; i < interfaces.length; i++) {
      const iface = interfaces[i];
      if (!(i in interfaces) || !onPodNetwork(networks, iface?.name)) continue;
      const added = defaulted.get(iface);
      if (added && iface.bridge !== undefined && subject.vm.instanceAnnotations[ALLOW_POD_BRIDGE_MIGRATION_ANNOTATION] === undefined) {
        // Rests on the cluster's configuration: judged as KubeVirt's own default, reported as unresolved.
        subject.block(MigrationBlockerReason.INTERFACE, added.path, `the VM declares no interface, so KubeVirt adds one on the pod network, and ${added.clusterDefault}; bridge hands the pod's IP to the guest and cannot take it to another node: declare the interface with masquerade binding (interfaces [{ name: "default", masquerade: {} }], networks [{ name: "default", pod: {} }])`,
          'the cluster\'s default interface binding decides it (masquerade under HyperConverged)');
      } else if (iface.bridge !== undefined && subject.vm.instanceAnnotations[ALLOW_POD_BRIDGE_MIGRATION_ANNOTATION] === undefined) {
        subject.block(MigrationBlockerReason.INTERFACE, interfacePath(subject, i), `interface ${JSON.stringify(iface.name)} joins the pod network with bridge binding, which hands the pod's IP to the guest and cannot take it to another node: use masquerade binding, or annotate the VM's template with ${ALLOW_POD_BRIDGE_MIGRATION_ANNOTATION} (the guest must then renew its DHCP lease after a migration)`);
      }
      const ports: KubeObject[] = listOf(iface.ports);
      for (let j = 0; j < ports.length; j++) {
        const port = ports[j];
        if (j in ports && MIGRATION_PORTS.includes(port?.port)) {
          subject.block(MigrationBlockerReason.INTERFACE, `${interfacePath(subject, i)}.ports[${j}].port`, `interface ${JSON.stringify(iface.name)} declares port ${port.port}, which KubeVirt reserves for live migration (49152 and 49153): serve on another port`);
        }
      }
    }
  },
};
