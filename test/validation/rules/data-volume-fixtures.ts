// DataVolume manifests for the tests of the CDI webhook rules (data-volume-*.test.ts).

/** A valid DataVolume in namespace mq (a 10Gi blank disk under storage); `patch` edits its spec. */
export function dataVolume(name: string, patch: (spec: any) => void = () => undefined): any {
  const object = {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: { name, namespace: 'mq' },
    spec: {
      source: { blank: {} } as Record<string, any>,
      storage: { resources: { requests: { storage: '10Gi' } } } as Record<string, any>,
    } as Record<string, any>,
  };
  patch(object.spec);
  return object;
}

/** The spec of a DataVolume `dataVolume` makes, for VM templates. */
export function dataVolumeSpec(patch: (spec: any) => void = () => undefined): any {
  return dataVolume('x', patch).spec;
}
