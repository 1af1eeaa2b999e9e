import * as fs from 'fs';
import * as path from 'path';
import { Analyzer } from '@pulumi/pulumi/provider/experimental/analyzer';
import { generateSchema } from '@pulumi/pulumi/provider/experimental/schema';
import { parse } from 'yaml';

const PLUGIN = path.join(__dirname, '..', '..', 'pulumi-plugin');

/**
 * The schema Pulumi infers when another language runs `pulumi package add .../pulumi-plugin`:
 * the same analyzer the Node.js component provider host runs, on the same files.
 */
function inferSchema(): any {
  const packageJson = JSON.parse(fs.readFileSync(path.join(PLUGIN, 'package.json'), 'utf8'));
  const analyzer = new Analyzer(PLUGIN, packageJson.name, packageJson, new Set(['VirtualizationRuntime', 'VirtualMachine']));
  const { components, typeDefinitions, dependencies } = analyzer.analyze();
  return generateSchema(packageJson.name, '0.0.0', packageJson.description, components, typeDefinitions, dependencies, undefined);
}

describe('the multi-language package (pulumi-plugin/)', () => {
  const schema = inferSchema();

  test('is a Node.js plugin named kubevirt-constructs', () => {
    expect(parse(fs.readFileSync(path.join(PLUGIN, 'PulumiPlugin.yaml'), 'utf8'))).toEqual({ runtime: 'nodejs' });
    expect(schema.name).toBe('kubevirt-constructs');
  });

  test('exposes the runtime and the VM as components with the tokens the classes register', () => {
    expect(Object.keys(schema.resources).sort()).toEqual(['kubevirt-constructs:index:VirtualMachine', 'kubevirt-constructs:index:VirtualizationRuntime']);
    for (const resource of Object.values<any>(schema.resources)) expect(resource.isComponent).toBe(true);
    for (const file of ['virtualization-runtime.ts', 'virtual-machine.ts']) {
      const source = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'pulumi', file), 'utf8');
      expect(source).toMatch(/super\('kubevirt-constructs:index:(VirtualizationRuntime|VirtualMachine)'/);
    }
  });

  test('arguments are flat: strings, numbers, booleans and lists of plain objects; no enums, no unions', () => {
    const runtime = schema.resources['kubevirt-constructs:index:VirtualizationRuntime'];
    expect(runtime.requiredInputs).toEqual(['mode']);
    expect(Object.fromEntries(Object.entries<any>(runtime.inputProperties).map(([k, v]) => [k, v.type]))).toEqual({
      mode: 'string',
      emulation: 'boolean',
      channel: 'string',
      source: 'string',
      startingCsv: 'string',
      kubevirtVersion: 'string',
      cdiVersion: 'string',
      kubevirtOperatorManifest: 'string',
      cdiOperatorManifest: 'string',
    });
    const vm = schema.resources['kubevirt-constructs:index:VirtualMachine'];
    expect(vm.requiredInputs).toEqual(['memory']);
    expect(vm.inputProperties.cores.type).toBe('number');
    expect(vm.inputProperties.dataDisks).toMatchObject({ type: 'array', items: { $ref: '#/types/kubevirt-constructs:index:VirtualMachineDataDiskArgs' } });
    expect(vm.inputProperties.networks.items.$ref).toBe('#/types/kubevirt-constructs:index:VirtualMachineNetworkArgs');
    expect(schema.types['kubevirt-constructs:index:VirtualMachineNetworkArgs'].properties.ip.type).toBe('string');
    // User data may come from another resource or a secret config value: an Input, not plain.
    expect(vm.inputProperties.userData.plain).toBeUndefined();
    expect(JSON.stringify(schema)).not.toMatch(/"enum"|"oneOf"/);
  });

  test('outputs are Outputs', () => {
    expect(Object.keys(schema.resources['kubevirt-constructs:index:VirtualMachine'].properties).sort()).toEqual(['urns', 'vmName']);
    expect(Object.keys(schema.resources['kubevirt-constructs:index:VirtualizationRuntime'].properties)).toEqual(['urns']);
  });
});
