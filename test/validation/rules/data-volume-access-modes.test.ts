import { dataVolume } from './data-volume-fixtures';
import { issuesOf } from './rule-fixtures';
import { dataVolumeAccessModes } from '../../../src/validation/rules/data-volume-access-modes';

const pvc = (accessModes?: string[]) => ({ accessModes, resources: { requests: { storage: '1Gi' } } });
const withPvc = (name: string, modes?: string[]) => dataVolume(name, (s) => { delete s.storage; s.pvc = pvc(modes); });

describe('rule data-volume-access-modes', () => {
  test('fires on a pvc with no access mode, with two, and on an unknown mode', () => {
    const unknown = dataVolume('typo', (s) => { s.storage.accessModes = ['ReadWriteMany', 'ReadWriteMost']; });
    expect(issuesOf(dataVolumeAccessModes, [withPvc('none'), withPvc('two', ['ReadWriteOnce', 'ReadWriteMany']), unknown])).toEqual([
      'error data-volume-access-modes DataVolume none spec.pvc.accessModes: DataVolume "mq/none" has no access mode under pvc, which CDI refuses (a pvc definition is used as written): add one, e.g. accessModes: ["ReadWriteMany"], or use storage to let CDI choose',
      'error data-volume-access-modes DataVolume two spec.pvc.accessModes: DataVolume "mq/two" lists 2 access modes under pvc ("ReadWriteOnce", "ReadWriteMany"), which CDI refuses (pvc takes exactly one): keep one, or use storage, which takes several',
      'error data-volume-access-modes DataVolume typo spec.storage.accessModes[1]: DataVolume "mq/typo" has access mode "ReadWriteMost", which CDI refuses (it knows only "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"): use one of those',
    ]);
  });

  test('stays quiet on one pvc mode, on several or no storage modes', () => {
    const several = dataVolume('s', (s) => { s.storage.accessModes = ['ReadWriteMany', 'ReadWriteOncePod']; });
    expect(issuesOf(dataVolumeAccessModes, [withPvc('p', ['ReadOnlyMany']), several, dataVolume('none')])).toEqual([]);
  });
});
