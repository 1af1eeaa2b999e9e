import * as pulumi from '@pulumi/pulumi';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { MockMonitor } = require('@pulumi/pulumi/runtime/mocks');

/** Pulumi's signature for a secret value on the wire. */
const SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';

/** What a program asked the engine to register, as the engine would see it. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly parent: string;
  readonly inputs: any;
  /** Top-level input properties sent as secrets. */
  readonly secretInputs: string[];
  readonly dependencies: string[];
  readonly retainOnDelete: boolean;
  readonly protect: boolean;
  readonly provider: string;
  /** The `customTimeouts` option (create/update/delete), empty strings when unset. */
  readonly customTimeouts: { create: string; update: string; delete: string };
}

/** What a program asked the engine to read (`CustomResource.get`, or a constructor with an `id`). */
export interface Read {
  readonly type: string;
  readonly name: string;
  readonly id: string;
  readonly parent: string;
  readonly dependencies: string[];
}

const registrations: Registration[] = [];
const reads: Read[] = [];

/**
 * The ID the Kubernetes provider gives an object, `namespace/name` (cluster-scoped: `name`),
 * so programs that read an object by another one's ID see what they would see on a cluster.
 */
function kubernetesId(inputs: any): string | undefined {
  const name = inputs?.metadata?.name;
  if (typeof name !== 'string') return undefined;
  return inputs.metadata.namespace ? `${inputs.metadata.namespace}/${name}` : name;
}

/** The guest addresses a VirtualMachineInstance read returns under mocks: one per interface, derived from the VMI's name. */
export function mockVmiStatus(id: string): any {
  const octet = [...id].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 200 + 10;
  return {
    phase: 'Running',
    interfaces: [
      { name: 'default', ipAddress: `10.128.0.${octet}`, ipAddresses: [`10.128.0.${octet}`, `fd02::${octet}`] },
      { name: 'backend', ipAddress: `10.10.0.${octet}` },
    ],
  };
}

/** Inputs as the provider receives them: secret envelopes replaced by their values. */
function unwrapSecrets(value: any): any {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value === null || typeof value !== 'object') return value;
  if (value['4dabf18193072939515e22adb298388d'] === SECRET_SIG) return unwrapSecrets(value.value);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
}

/**
 * Installs Pulumi's documented unit-test mocks (`pulumi.runtime.setMocks`) and records every
 * registration with the resource options the mocks' own callback does not show (dependsOn,
 * retainOnDelete, protect, secret inputs).
 */
export function installMocks(): void {
  const original = MockMonitor.prototype.registerResource;
  if (!(original as any).recording) {
    const recording = async function (this: any, req: any, callback: any) {
      const raw = req.getObject()?.toJavaScript() ?? {};
      return original.call(this, req, (err: unknown, response: any) => {
        if (!err) {
          registrations.push({
            type: req.getType(),
            name: req.getName(),
            urn: response.getUrn(),
            parent: req.getParent(),
            inputs: unwrapSecrets(pulumi.runtime.deserializeProperties(req.getObject())),
            secretInputs: Object.entries(raw).filter(([, v]: [string, any]) => v?.['4dabf18193072939515e22adb298388d'] === SECRET_SIG).map(([k]) => k),
            dependencies: req.getDependenciesList(),
            retainOnDelete: req.getRetainondelete?.() ?? false,
            protect: req.getProtect(),
            provider: req.getProvider(),
            customTimeouts: {
              create: req.getCustomtimeouts()?.getCreate() ?? '',
              update: req.getCustomtimeouts()?.getUpdate() ?? '',
              delete: req.getCustomtimeouts()?.getDelete() ?? '',
            },
          });
        }
        callback(err, response);
      });
    };
    (recording as any).recording = true;
    MockMonitor.prototype.registerResource = recording;
    const originalRead = MockMonitor.prototype.readResource;
    MockMonitor.prototype.readResource = async function (this: any, req: any, callback: any) {
      reads.push({ type: req.getType(), name: req.getName(), id: req.getId(), parent: req.getParent(), dependencies: req.getDependenciesList() });
      return originalRead.call(this, req, callback);
    };
  }
  void pulumi.runtime.setMocks({
    newResource: (args) => {
      if (args.id !== undefined && args.id !== '' && args.type === 'kubernetes:kubevirt.io/v1:VirtualMachineInstance') {
        return { id: args.id, state: { ...args.inputs, status: mockVmiStatus(args.id) } };
      }
      const id = args.custom ? (args.type.startsWith('kubernetes:') ? kubernetesId(args.inputs) : undefined) ?? `${args.name}-id` : undefined;
      return { id, state: args.inputs };
    },
    call: (args) => args.inputs,
  }, 'kubevirt', 'test', false);
}

/** Reads so far (cleared with `resetRegistrations`). */
export function readsSoFar(): Read[] {
  return reads;
}

/** Registrations so far (cleared with `resetRegistrations`). */
export function registered(): Registration[] {
  return registrations;
}

export function resetRegistrations(): void {
  registrations.length = 0;
  reads.length = 0;
}

/** The value of an Output, once the program has registered what it depends on. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => {
    resolve(v);
    return v;
  }));
}
