import { issuesOf, vm } from './rule-fixtures';
import { volumeSources } from '../../../src/validation/rules/volume-sources';

const at = 'error volume-sources VirtualMachine web spec.template.spec.volumes';

describe('rule volume-sources', () => {
  test('fires on a volume declared twice', () => {
    expect(issuesOf(volumeSources, [vm('web', (s) => { s.volumes.push({ name: 'root', emptyDisk: { capacity: '1Gi' } }); })])).toEqual([
      `${at}[1].name: volume "root" of VirtualMachine "mq/web" is declared twice (volumes[0] and volumes[1]), which KubeVirt refuses: rename one (and its disk), or remove the copy`,
    ]);
  });

  test('fires on a volume with two sources', () => {
    expect(issuesOf(volumeSources, [vm('web', (s) => { s.volumes[0].dataVolume = { name: 'root' }; })])).toEqual([
      `${at}[0]: volume "root" of VirtualMachine "mq/web" has 2 sources (containerDisk, dataVolume), and KubeVirt requires exactly one: keep one of containerDisk, dataVolume`,
    ]);
  });

  test('fires on a volume with no source', () => {
    expect(issuesOf(volumeSources, [vm('web', (s) => { s.volumes[0] = { name: 'root' }; })])).toEqual([
      `${at}[0]: volume "root" of VirtualMachine "mq/web" has no source, and KubeVirt requires exactly one: add one (persistentVolumeClaim, dataVolume, containerDisk, cloudInitNoCloud, ...)`,
    ]);
  });

  test('fires on a secret volume without secretName', () => {
    expect(issuesOf(volumeSources, [vm('web', (s) => { s.volumes[0] = { name: 'root', secret: {} }; })])).toEqual([
      `${at}[0].secret.secretName: volume "root" of VirtualMachine "mq/web" has a secret source without secretName, which KubeVirt requires: name the secret it uses`,
    ]);
  });

  test('fires on a relative container disk path', () => {
    expect(issuesOf(volumeSources, [vm('web', (s) => { s.volumes[0].containerDisk.path = 'disk/../disk.img'; })])).toEqual([
      `${at}[0].containerDisk.path: volume "root" of VirtualMachine "mq/web" has containerDisk path "disk/../disk.img", which KubeVirt refuses: it is not a clean absolute path: write it as "/disk.img"`,
    ]);
  });

  test('fires on two service account volumes', () => {
    expect(issuesOf(volumeSources, [vm('web', (s) => {
      s.volumes.push({ name: 'sa1', serviceAccount: { serviceAccountName: 'a' } }, { name: 'sa2', serviceAccount: { serviceAccountName: 'b' } });
    })])).toEqual([
      `${at}: VirtualMachine "mq/web" has 2 serviceAccount volumes, and KubeVirt allows at most one: keep one`,
    ]);
  });

  test('stays quiet on distinct volumes with one named source each and a clean path', () => {
    expect(issuesOf(volumeSources, [vm('web', (s) => {
      s.volumes[0].containerDisk.path = '/disk/';
      s.volumes.push({ name: 'data', dataVolume: { name: 'data' } }, { name: 'sa', serviceAccount: { serviceAccountName: 'a' } }, { name: 'cfg', configMap: { name: 'cfg' } });
    })])).toEqual([]);
  });
});
