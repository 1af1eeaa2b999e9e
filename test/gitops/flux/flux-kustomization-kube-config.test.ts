// FluxKustomization.kubeConfig: a Kustomization in a management cluster that applies to a remote
// cluster through the kubeconfig in a Secret (kustomize-controller v1.9.4 spec.kubeConfig.secretRef).
import { Chart, Testing } from 'cdk8s';
import { FluxKustomization, FluxKustomizationProps } from '../../../src';
import { formatManifestIssue, validateManifests } from '../../../src/validation/validate-manifests';
import { validateObjects } from '../../../src/validation/validate-objects';

function synth(props: FluxKustomizationProps): any[] {
  const chart = new Chart(Testing.app(), 'c');
  new FluxKustomization(chart, 'prod', props);
  return Testing.synth(chart);
}

function errorOf(props: unknown): string {
  const chart = new Chart(Testing.app(), 'c');
  try {
    new FluxKustomization(chart, 'prod', props as FluxKustomizationProps);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('FluxKustomization kubeConfig', () => {
  test('a Secret (and key) of a remote cluster become spec.kubeConfig.secretRef, valid against the Flux CRD', () => {
    const withKey = synth({ name: 'prod-vms', path: 'clusters/prod', kubeConfig: { secretName: 'prod-kubeconfig', key: 'value.yaml' } });
    const defaultKey = synth({ name: 'edge-vms', path: 'clusters/edge', kubeConfig: { secretName: 'edge-kubeconfig' } });
    expect(withKey[0].spec.kubeConfig).toEqual({ secretRef: { name: 'prod-kubeconfig', key: 'value.yaml' } });
    expect(defaultKey[0].spec.kubeConfig).toEqual({ secretRef: { name: 'edge-kubeconfig' } });
    expect(validateObjects([...withKey, ...defaultKey])).toMatchObject({ valid: true, errors: [] });
  });

  test('without kubeConfig the Kustomization applies to its own cluster (no spec.kubeConfig)', () => {
    expect(synth({ name: 'vms', path: 'dist' })[0].spec).not.toHaveProperty('kubeConfig');
  });

  test('the CRD refuses a secretRef without a name, so the schema check would catch a broken one', () => {
    const [object] = synth({ name: 'prod-vms', path: 'clusters/prod', kubeConfig: { secretName: 'prod-kubeconfig' } });
    delete object.spec.kubeConfig.secretRef.name;
    expect(validateManifests([object]).issues.map(formatManifestIssue)).toEqual([
      'Kustomization flux-system/prod-vms (#0) spec.kubeConfig.secretRef.name: required field is missing',
    ]);
  });

  test.each<[string, unknown, string]>([
    ['kubeConfig that is not an object', 'prod-kubeconfig', '[c/prod] kubeConfig "prod-kubeconfig" must be an object, e.g. { secretName: "prod-kubeconfig" }'],
    ['a Secret name that is not a DNS subdomain', { secretName: 'Prod_Kubeconfig' },
      '[c/prod] kubeConfig.secretName "Prod_Kubeconfig" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "prod-kubeconfig")'],
    ['no Secret name', {}, '[c/prod] kubeConfig.secretName undefined must name the Secret holding the kubeconfig, e.g. { secretName: "prod-kubeconfig" }'],
    ['a key a Secret cannot have', { secretName: 'prod-kubeconfig', key: 'kube/config' },
      '[c/prod] kubeConfig.key "kube/config" is not a Secret key: use letters, digits, \'-\', \'_\' and \'.\' (e.g. "value"), or leave it out for "value"'],
    ['the key ".."', { secretName: 'prod-kubeconfig', key: '..' },
      '[c/prod] kubeConfig.key ".." is not a Secret key: use letters, digits, \'-\', \'_\' and \'.\' (e.g. "value"), or leave it out for "value"'],
  ])('refuses %s', (_label, kubeConfig, message) => {
    expect(errorOf({ name: 'prod-vms', path: 'clusters/prod', kubeConfig })).toBe(message);
  });

  test('a refused Kustomization leaves its id free and nothing behind', () => {
    const refused = Testing.chart();
    expect(() => new FluxKustomization(refused, 'prod', { name: 'prod-vms', path: 'clusters/prod', kubeConfig: { secretName: 'Prod' } })).toThrow(/kubeConfig.secretName "Prod"/);
    new FluxKustomization(refused, 'prod', { name: 'prod-vms', path: 'clusters/prod', kubeConfig: { secretName: 'prod' } });
    const clean = Testing.chart();
    new FluxKustomization(clean, 'prod', { name: 'prod-vms', path: 'clusters/prod', kubeConfig: { secretName: 'prod' } });
    expect(Testing.synth(refused)).toEqual(Testing.synth(clean));
  });
});
