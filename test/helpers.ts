import { Chart, Testing } from 'cdk8s';
import { assertValidManifests } from '../src/validation/validate-manifests';

/** Synthesizes a chart, asserts every object passes the strict upstream schemas, returns them. */
export function synthValid(chart: Chart): any[] {
  const objects = Testing.synth(chart);
  assertValidManifests(objects);
  return objects;
}

/** The one object of a kind (and name, when given) in a synthesized chart. */
export function findObject(objects: any[], kind: string, name?: string): any {
  const matches = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata?.name === name));
  if (matches.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${matches.length}`);
  return matches[0];
}

/** The decoded data of a Secret. */
export function secretData(secret: any): Record<string, string> {
  return Object.fromEntries(Object.entries<string>(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
}

/** A real (throwaway) ed25519 public key, and a second one. */
export const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAhCxPMxh2Arju4gJObsWwtHleQw3Ry7voAQRGtue04f demo@kubevirt-constructs';
export const OTHER_PUBLIC_KEY = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 ops@example';
