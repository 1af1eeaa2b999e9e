import * as path from 'path';
import { installMocks, registered, valueOf } from './mocks';

installMocks();

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

/** Runs an example's Pulumi program (index.ts) under mocks and returns its stack outputs. */
async function runProgram(name: string): Promise<Record<string, any>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const outputs = require(path.join(EXAMPLES, name, 'index.ts'));
  const values: Record<string, any> = {};
  for (const [key, output] of Object.entries<any>(outputs)) values[key] = await valueOf(output);
  return values;
}

describe('examples/pulumi-openshift/index.ts under mocks', () => {
  test('the runtime, then the VMs of vms.ts, each VM after the HyperConverged', async () => {
    const outputs = await runProgram('pulumi-openshift');
    expect(Object.keys(outputs.runtimeObjects)).toEqual([
      'Namespace/openshift-cnv', 'OperatorGroup/openshift-cnv/kubevirt-hyperconverged-group',
      'Subscription/openshift-cnv/hco-operatorhub', 'HyperConverged/openshift-cnv/kubevirt-hyperconverged',
    ]);
    expect(Object.keys(outputs.vmObjects).filter((k) => k.startsWith('VirtualMachine/'))).toEqual(['VirtualMachine/apps/app-1', 'VirtualMachine/apps/app-2']);
    const hco = registered().find((r) => r.name === 'hyperconverged-openshift-cnv-kubevirt-hyperconverged')!;
    for (const vm of registered().filter((r) => r.type === 'kubernetes:kubevirt.io/v1:VirtualMachine')) {
      expect(vm.dependencies).toContain(hco.urn);
      // pulumi destroy deletes the VMs; their DataVolume templates are DataVolumes of their own, kept.
      expect(vm.retainOnDelete).toBe(false);
      const rootDisk = registered().find((r) => r.name === `datavolume-apps-${vm.inputs.metadata.name}-rootdisk`)!;
      expect(rootDisk.retainOnDelete).toBe(true);
      expect(vm.dependencies).toContain(rootDisk.urn);
    }
    // The apps Namespace is created first, and kept by pulumi destroy: deleting it would delete the VMs' disks.
    const namespace = registered().find((r) => r.name === 'namespace-apps')!;
    expect(namespace.retainOnDelete).toBe(true);
    const vm = registered().find((r) => r.name === 'virtualmachine-apps-app-1')!;
    expect(vm.dependencies).toContain(namespace.urn);
  });
});

describe('examples/pulumi-kubevirt/index.ts under mocks', () => {
  test('release manifests by URL, the CRs, then the flat-argument VM with its user data as a secret', async () => {
    const outputs = await runProgram('pulumi-kubevirt');
    expect(outputs.vmName).toBe('fedora');
    expect(registered().filter((r) => r.type === 'kubernetes:yaml/v2:ConfigFile').map((r) => r.inputs.file)).toEqual([
      'https://github.com/kubevirt/kubevirt/releases/download/v1.6.2/kubevirt-operator.yaml',
      'https://github.com/kubevirt/containerized-data-importer/releases/download/v1.62.0/cdi-operator.yaml',
    ]);
    const vm = registered().find((r) => r.name === 'virtualmachine-default-fedora')!;
    const kubevirt = registered().find((r) => r.name === 'kubevirt-kubevirt-kubevirt')!;
    expect(vm.dependencies).toContain(kubevirt.urn);
    expect(registered().find((r) => r.name === 'secret-default-fedora-user-data')!.secretInputs).toEqual(['stringData']);
  });
});
