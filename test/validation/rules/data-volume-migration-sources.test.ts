import { dataVolume } from './data-volume-fixtures';
import { issuesOf } from './rule-fixtures';
import { dataVolumeMigrationSources } from '../../../src/validation/rules/data-volume-migration-sources';

const withSource = (name: string, source: object) => dataVolume(name, (s) => { s.source = source; });
const imageio = { url: 'https://engine.example.com/ovirt-engine/api', secretRef: 'engine', diskId: 'd-1', certConfigMap: 'engine-ca' };
const vddk = { url: 'https://vcenter.example.com/sdk', secretRef: 'vc', uuid: '42', backingFile: '[ds] vm/vm.vmdk', thumbprint: 'AA:BB' };

describe('rule data-volume-migration-sources', () => {
  test('fires on an imageio source without certConfigMap and a vddk source without backingFile', () => {
    const { certConfigMap: _c, ...noCert } = imageio;
    const { backingFile: _b, ...noFile } = vddk;
    expect(issuesOf(dataVolumeMigrationSources, [withSource('ovirt', { imageio: noCert }), withSource('vmware', { vddk: noFile })])).toEqual([
      'error data-volume-migration-sources DataVolume ovirt spec.source.imageio: imageio source of DataVolume "mq/ovirt" has no certConfigMap, which CDI refuses (it verifies the oVirt engine\'s certificate): set certConfigMap to a ConfigMap holding the engine\'s CA certificate',
      'error data-volume-migration-sources DataVolume vmware spec.source.vddk.backingFile: vddk source of DataVolume "mq/vmware" has no backingFile, which CDI refuses (it needs the disk\'s file, e.g. "[datastore1] vm/vm.vmdk"): set backingFile',
    ]);
  });

  test('fires on an imageio source with an empty secretRef', () => {
    expect(issuesOf(dataVolumeMigrationSources, [withSource('ovirt', { imageio: { ...imageio, secretRef: '' } })])).toEqual([
      'error data-volume-migration-sources DataVolume ovirt spec.source.imageio: imageio source of DataVolume "mq/ovirt" has no secretRef, which CDI refuses (it needs the Secret with the oVirt user and password): set secretRef',
    ]);
  });

  test('stays quiet on complete sources and on imageio that skips verification', () => {
    const { certConfigMap: _c, ...noCert } = imageio;
    expect(issuesOf(dataVolumeMigrationSources, [withSource('a', { imageio }), withSource('b', { vddk }), withSource('c', { imageio: { ...noCert, insecureSkipVerify: true } })])).toEqual([]);
  });
});
