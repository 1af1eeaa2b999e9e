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
}

const registrations: Registration[] = [];

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
          });
        }
        callback(err, response);
      });
    };
    (recording as any).recording = true;
    MockMonitor.prototype.registerResource = recording;
  }
  void pulumi.runtime.setMocks({
    newResource: (args) => ({ id: args.custom ? `${args.name}-id` : undefined, state: args.inputs }),
    call: (args) => args.inputs,
  }, 'kubevirt', 'test', false);
}

/** Registrations so far (cleared with `resetRegistrations`). */
export function registered(): Registration[] {
  return registrations;
}

export function resetRegistrations(): void {
  registrations.length = 0;
}

/** The value of an Output, once the program has registered what it depends on. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => {
    resolve(v);
    return v;
  }));
}
