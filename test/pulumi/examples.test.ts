import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { parse } from 'yaml';
import { installMocks, mockVmiStatus, registered, resetRegistrations, valueOf } from './mocks';

installMocks();

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

/** Runs an example's Pulumi program (index.ts) under mocks and returns its stack outputs. */
async function runProgram(name: string): Promise<Record<string, any>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const outputs = require(path.join(EXAMPLES, name, 'index.ts'));
  const values: Record<string, any> = {};
  // Stack outputs may also be plain values holding Outputs (Pulumi resolves those too).
  for (const [key, output] of Object.entries<any>(outputs)) values[key] = pulumi.Output.isInstance(output) ? await valueOf(output) : output;
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
    expect(vm.inputs.metadata.annotations['pulumi.com/waitFor']).toBe('condition=Ready');
    expect(outputs.vmServices['app-1']).toEqual([{ name: 'app-1', type: 'ClusterIP', ports: [{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' }] }]);
    expect(await valueOf(outputs.vmAddresses['app-2'])).toContain('10.10.0.' + mockVmiStatus('apps/app-2').interfaces[1].ipAddress.split('.')[3]);
  });
});

describe('examples/pulumi-kubevirt/index.ts under mocks', () => {
  test('release manifests by URL, the CRs, then the flat-argument VM with its user data as a secret', async () => {
    const outputs = await runProgram('pulumi-kubevirt');
    expect(outputs.vmName).toBe('fedora');
    expect(outputs.vmAddresses).toEqual(expect.arrayContaining([mockVmiStatus('default/fedora').interfaces[0].ipAddress]));
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

describe('examples/pulumi-fleet: one stack per cluster, under mocks', () => {
  /** Runs index.ts with a stack's config (Pulumi.<stack>.yaml), as `pulumi up` on that stack would. */
  async function runStack(stack: string): Promise<Record<string, any>> {
    const file = parse(fs.readFileSync(path.join(EXAMPLES, 'pulumi-fleet', `Pulumi.${stack}.yaml`), 'utf8'));
    // The mocks' project is "kubevirt": the stack's keys move to it.
    const values = Object.fromEntries(Object.entries<any>(file.config).map(([key, value]) => [
      key.replace(/^kubevirt-pulumi-fleet:/, 'kubevirt:'), typeof value === 'string' ? value : JSON.stringify(value),
    ]));
    pulumi.runtime.setAllConfig(values);
    let outputs: Record<string, any> = {};
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      outputs = require(path.join(EXAMPLES, 'pulumi-fleet', 'index.ts'));
    });
    const resolved: Record<string, any> = {};
    for (const [key, output] of Object.entries<any>(outputs)) resolved[key] = pulumi.Output.isInstance(output) ? await valueOf(output) : output;
    for (const [key, value] of Object.entries<any>(resolved)) {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [name, inner] of Object.entries<any>(value)) if (pulumi.Output.isInstance(inner)) resolved[key][name] = await valueOf(inner);
      }
    }
    return resolved;
  }

  test.each([
    ['cluster-a', { 'app-1': '10.10.0.11/24', 'app-2': '10.10.0.12/24' }, false],
    ['cluster-b', { 'app-1': '10.20.0.11/24', 'app-2': '10.20.0.12/24', 'app-3': '10.20.0.13/24' }, true],
  ])('%s: its own provider (kubeconfig, context) for every object, its IP plan, adoption when its config says so', async (stack, addresses, adopt) => {
    resetRegistrations();
    const outputs = await runStack(stack);
    expect(outputs.cluster).toBe(stack);
    const provider = registered().find((r) => r.type === 'pulumi:providers:kubernetes' && r.name === stack)!;
    expect(provider.inputs.context).toBe('admin');
    expect(provider.inputs.kubeconfig).toBe(path.join(os.homedir(), '.kube', `${stack}.kubeconfig`));
    // Provider inputs travel as strings, as the engine passes provider config.
    expect(provider.inputs.upsertExistingObjects).toBe(String(adopt));
    const objects = registered().filter((r) => r.type.startsWith('kubernetes:') && r.type !== 'kubernetes:yaml/v2:ConfigFile');
    for (const object of objects) expect(object.provider.startsWith(`${provider.urn}::`)).toBe(true);
    for (const [vm, address] of Object.entries(addresses)) {
      const cloudInit = registered().find((r) => r.name === `secret-apps-${vm}-cloud-init`)!;
      expect(Buffer.from(cloudInit.inputs.data.networkdata, 'base64').toString()).toContain(`"${address}"`);
      expect(outputs.services[vm]).toEqual([{ name: vm, type: 'ClusterIP', ports: [{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' }] }]);
      expect(outputs.guestAddresses[vm].length).toBeGreaterThan(0);
    }
    const vms = objects.filter((r) => r.type === 'kubernetes:kubevirt.io/v1:VirtualMachine');
    expect(vms.map((r) => r.inputs.metadata.name).sort()).toEqual(Object.keys(addresses));
    for (const vm of vms) expect(vm.inputs.metadata.annotations['pulumi.com/patchForce']).toBe(adopt ? 'true' : undefined);
  });
});
