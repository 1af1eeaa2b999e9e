import * as fs from 'fs';
import * as path from 'path';
import { Analyzer } from '@pulumi/pulumi/provider/experimental/analyzer';
import { getPulumiComponents } from '@pulumi/pulumi/provider/experimental/provider';
import { generateSchema } from '@pulumi/pulumi/provider/experimental/schema';
import { parse } from 'yaml';
import * as pluginComponents from '../../src/pulumi/plugin-components';

const PLUGIN = path.join(__dirname, '..', '..', 'pulumi-plugin');
const COMPONENTS = ['DataVolume', 'NetworkAttachmentDefinition', 'VirtualMachine', 'VirtualizationRuntime'];
const token = (component: string) => `kubevirt-constructs:index:${component}`;

/**
 * The schema Pulumi infers when another language runs `pulumi package add .../pulumi-plugin`:
 * the same analyzer the Node.js component provider host runs, on the same files, for the
 * components the plugin's runtime module exports.
 */
function inferSchema(): any {
  const packageJson = JSON.parse(fs.readFileSync(path.join(PLUGIN, 'package.json'), 'utf8'));
  const exported = getPulumiComponents(pluginComponents).map((c: any) => c.name);
  const analyzer = new Analyzer(PLUGIN, packageJson.name, packageJson, new Set(exported));
  const { components, typeDefinitions, dependencies } = analyzer.analyze();
  return generateSchema(packageJson.name, '0.0.0', packageJson.description, components, typeDefinitions, dependencies, undefined);
}

/** snake_case of a schema property, as the Python SDK names it. */
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

describe('the multi-language package (pulumi-plugin/)', () => {
  const schema = inferSchema();

  test('is a Node.js plugin named kubevirt-constructs that runs compiled JavaScript (no type-check at pulumi up)', () => {
    expect(parse(fs.readFileSync(path.join(PLUGIN, 'PulumiPlugin.yaml'), 'utf8'))).toEqual({ runtime: { name: 'nodejs', options: { typescript: false } } });
    expect(schema.name).toBe('kubevirt-constructs');
    const packageJson = JSON.parse(fs.readFileSync(path.join(PLUGIN, 'package.json'), 'utf8'));
    expect(packageJson.main).toBe('index.js');
    // index.js loads the compiled form of the module whose components the schema lists.
    expect(fs.readFileSync(path.join(PLUGIN, 'index.js'), 'utf8')).toContain("require('../lib/src/pulumi/plugin-components.js')");
    expect(JSON.parse(fs.readFileSync(path.join(PLUGIN, 'tsconfig.json'), 'utf8')).compilerOptions.paths['#components'])
      .toEqual(['../src/pulumi/plugin-components', '../lib/src/pulumi/plugin-components']);
  });

  test('exposes the runtime, the VM, DataVolume and NetworkAttachmentDefinition as components with the tokens the classes register', () => {
    expect(Object.keys(schema.resources).sort()).toEqual(COMPONENTS.map(token));
    for (const resource of Object.values<any>(schema.resources)) expect(resource.isComponent).toBe(true);
    const files: Record<string, string> = {
      DataVolume: 'data-volume.ts',
      NetworkAttachmentDefinition: 'network-attachment-definition.ts',
      VirtualMachine: 'virtual-machine.ts',
      VirtualizationRuntime: 'virtualization-runtime.ts',
    };
    for (const component of COMPONENTS) {
      const source = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'pulumi', files[component]), 'utf8');
      expect(source).toContain(`super('${token(component)}', name`);
    }
  });

  test('arguments are flat: strings, numbers, booleans and lists of plain objects; no enums, no unions', () => {
    const runtime = schema.resources[token('VirtualizationRuntime')];
    expect(runtime.requiredInputs).toEqual(['mode']);
    expect(Object.values<any>(runtime.inputProperties).map((p) => p.type).every((t) => t === 'string' || t === 'boolean')).toBe(true);
    const vm = schema.resources[token('VirtualMachine')];
    expect(vm.requiredInputs).toEqual(['memory']);
    expect(vm.inputProperties.cores.type).toBe('number');
    expect(vm.inputProperties.dataDisks).toMatchObject({ type: 'array', items: { $ref: '#/types/kubevirt-constructs:index:VirtualMachineDataDiskArgs' } });
    const network = schema.types['kubevirt-constructs:index:VirtualMachineNetworkArgs'].properties;
    expect(Object.keys(network).sort()).toEqual(['interfaceName', 'ip', 'ipPoolCidr', 'ipPoolGateway', 'ipPoolReserved', 'network', 'networkNamespace']);
    expect(schema.resources[token('DataVolume')].requiredInputs).toEqual(['size']);
    expect(schema.resources[token('NetworkAttachmentDefinition')].requiredInputs).toEqual(['cni']);
    expect(JSON.stringify(schema)).not.toMatch(/"enum"|"oneOf"/);
  });

  test('values that come from other resources or secrets are Inputs: user data and SSH keys', () => {
    const vm = schema.resources[token('VirtualMachine')].inputProperties;
    expect(vm.userData.plain).toBeUndefined();
    expect(vm.sshPublicKeys.items.plain).toBeUndefined();
    // Manifest-shaping values are rendered and validated while the program runs: plain.
    expect(vm.memory.plain).toBe(true);
  });

  test('outputs are Outputs: names, namespace, Services, ports and guest addresses', () => {
    const outputs = (component: string) => Object.keys(schema.resources[token(component)].properties).sort();
    expect(outputs('VirtualMachine')).toEqual(['ipAddresses', 'namespace', 'serviceNames', 'servicePorts', 'urns', 'vmName']);
    expect(outputs('DataVolume')).toEqual(['claimName', 'dataVolumeName', 'namespace', 'urns']);
    expect(outputs('NetworkAttachmentDefinition')).toEqual(['namespace', 'networkName', 'urns']);
    expect(outputs('VirtualizationRuntime')).toEqual(['urns']);
  });

  describe('the README programs match the schema (pulumi-plugin/examples)', () => {
    /** Checks every key of `properties` against the schema inputs of `component` (and list items against their types). */
    function checkProperties(component: string, properties: Record<string, unknown>, nameOf: (schemaName: string) => string): void {
      const inputs = schema.resources[token(component)].inputProperties;
      const byName = new Map(Object.keys(inputs).map((k) => [nameOf(k), k]));
      for (const [key, value] of Object.entries(properties)) {
        const schemaName = byName.get(key);
        if (schemaName === undefined) throw new Error(`${component} has no input ${key}: ${[...byName.keys()].join(', ')}`);
        const ref = inputs[schemaName].items?.$ref;
        if (ref && Array.isArray(value)) {
          const itemProperties = Object.keys(schema.types[ref.replace('#/types/', '')].properties).map(nameOf);
          for (const item of value) for (const itemKey of Object.keys(item)) expect(itemProperties).toContain(itemKey);
        }
      }
      for (const required of schema.resources[token(component)].requiredInputs ?? []) expect(Object.keys(properties)).toContain(nameOf(required));
    }

    test('Pulumi YAML: resource types, properties (camelCase) and the outputs used', () => {
      const program = parse(fs.readFileSync(path.join(PLUGIN, 'examples', 'yaml', 'Pulumi.yaml'), 'utf8'));
      const used = new Set<string>();
      for (const resource of Object.values<any>(program.resources)) {
        const component = resource.type.replace(/^kubevirt-constructs:(index:)?/, '');
        used.add(component);
        checkProperties(component, resource.properties, (k) => k);
      }
      expect([...used].sort()).toEqual(COMPONENTS);
      for (const reference of Object.values<string>(program.outputs)) {
        const [, resourceName, output] = /^\$\{(\w+)\.(\w+)\}$/.exec(reference)!;
        const component = program.resources[resourceName].type.replace(/^kubevirt-constructs:(index:)?/, '');
        expect(Object.keys(schema.resources[token(component)].properties)).toContain(output);
      }
    });

    test('Python: constructors, keyword arguments and list items (snake_case), and the outputs used', () => {
      const program = fs.readFileSync(path.join(PLUGIN, 'examples', 'python', '__main__.py'), 'utf8');
      const calls = [...program.matchAll(/(\w+) = kv\.(\w+)\(\n([\s\S]*?)\n\)/g)];
      expect(calls.map((c) => c[2]).sort()).toEqual(COMPONENTS);
      for (const [, variable, component, body] of calls) {
        // Keyword arguments at the call's indentation; dict keys of list items inside them.
        const keywords = [...body.matchAll(/^ {4}(\w+)=/gm)].map((m) => m[1]).filter((k) => k !== 'opts');
        const properties: Record<string, unknown> = Object.fromEntries(keywords.map((k) => [k, undefined]));
        for (const list of ['data_disks', 'networks']) {
          const match = new RegExp(`^ {4}${list}=\\[([\\s\\S]*?)\\],$`, 'm').exec(body);
          if (match) properties[list] = [Object.fromEntries([...match[1].matchAll(/"(\w+)":/g)].map((m) => [m[1], true]))];
        }
        checkProperties(component, properties, snake);
        for (const [, output] of program.matchAll(new RegExp(`${variable}\\.(\\w+)\\)`, 'g'))) {
          expect(Object.keys(schema.resources[token(component)].properties).map(snake)).toContain(output);
        }
      }
    });
  });
});
