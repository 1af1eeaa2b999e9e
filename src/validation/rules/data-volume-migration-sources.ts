import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';
import { CDI_WEBHOOKS, DataVolumeSpecView, dataVolumeSpecs, isMap, isSet } from './data-volume/specs';

// What CDI needs to reach the disk in oVirt (imageio) and vSphere (vddk), and why.
const VDDK_FIELDS: Array<[string, string]> = [
  ['secretRef', 'the Secret with the vCenter user and password'],
  ['uuid', 'the VM\'s UUID in vSphere'],
  ['backingFile', 'the disk\'s file, e.g. "[datastore1] vm/vm.vmdk"'],
  ['thumbprint', 'the SHA-1 thumbprint of the vCenter certificate'],
];

function imageioProblems(imageio: Record<string, any>): string[] {
  const missing = [['secretRef', 'the Secret with the oVirt user and password'], ['diskId', 'the disk\'s ID in oVirt']]
    .filter(([field]) => !isSet(imageio[field]));
  if (missing.length > 0) return missing.map(([field, what]) => `has no ${field}, which CDI refuses (it needs ${what}): set ${field}`);
  if (!isSet(imageio.certConfigMap) && imageio.insecureSkipVerify !== true) {
    return ['has no certConfigMap, which CDI refuses (it verifies the oVirt engine\'s certificate): set certConfigMap to a ConfigMap holding the engine\'s CA certificate'];
  }
  return [];
}

function checkSources(view: DataVolumeSpecView, context: RuleContext): void {
  const { index, spec } = view;
  const source = isMap(spec.source) ? spec.source : {};
  if (isMap(source.imageio)) {
    for (const problem of imageioProblems(source.imageio)) context.error(index, `${view.path}.source.imageio`, `imageio source of ${view.holder} ${problem}`);
  }
  if (isMap(source.vddk)) {
    const vddk = source.vddk;
    for (const [field, what] of VDDK_FIELDS) {
      if (!isSet(vddk[field])) context.error(index, `${view.path}.source.vddk.${field}`, `vddk source of ${view.holder} has no ${field}, which CDI refuses (it needs ${what}): set ${field}`);
    }
  }
}

/** An imageio (oVirt) or vddk (vSphere) source says how to reach and trust the disk. */
export const dataVolumeMigrationSources: Rule = {
  id: 'data-volume-migration-sources',
  order: 1090,
  summary: 'an imageio source has `secretRef`, `diskId` and `certConfigMap`; a vddk source has `secretRef`, `uuid`, `backingFile` and `thumbprint`, as CDI\'s DataVolume webhook requires',
  // Upstream functions: validateImageIOSource and validateVDDKSource.
  reference: `${CDI_WEBHOOKS}/util.go#L185-L214`,
  source: RuleSource.CDI,
  check(context) {
    const listed = dataVolumeSpecs(context);
    for (let n = 0; n < listed.length; n++) {
      const view = listed[n];
      checkSources(view, context);
    }
  },
};
