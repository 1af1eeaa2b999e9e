import { dataVolume } from './data-volume-fixtures';
import { issuesOf } from './rule-fixtures';
import { dataVolumeSize } from '../../../src/validation/rules/data-volume-size';

const pvc = (storage?: string) => ({ accessModes: ['ReadWriteOnce'], resources: storage ? { requests: { storage } } : {} });

describe('rule data-volume-size', () => {
  test('fires on a missing size where CDI cannot take it from the source', () => {
    const blank = dataVolume('blank', (s) => { s.storage = {}; });
    const pvcClone = dataVolume('clone', (s) => { delete s.storage; s.pvc = pvc(); s.source = { pvc: { name: 'golden', namespace: 'os' } }; });
    expect(issuesOf(dataVolumeSize, [blank, pvcClone])).toEqual([
      'error data-volume-size DataVolume blank spec.storage.resources.requests.storage: DataVolume "mq/blank" has no size (storage.resources.requests.storage), which CDI refuses: set resources.requests.storage to the disk\'s capacity, e.g. "30Gi" (only clones of a claim, snapshot or DataSource under storage may leave it out)',
      'error data-volume-size DataVolume clone spec.pvc.resources.requests.storage: DataVolume "mq/clone" has no size (pvc.resources.requests.storage), which CDI refuses: set resources.requests.storage, or use storage instead of pvc to let CDI take the size from the source',
    ]);
  });

  test('fires on a zero size and on one under 1 MiB', () => {
    const zero = dataVolume('zero', (s) => { s.storage.resources.requests.storage = '0'; });
    const small = dataVolume('small', (s) => { s.storage.resources.requests.storage = '1M'; });
    expect(issuesOf(dataVolumeSize, [zero, small])).toEqual([
      'error data-volume-size DataVolume zero spec.storage.resources.requests.storage: DataVolume "mq/zero" asks for size "0", which CDI refuses (a disk needs a capacity above zero): give the disk\'s capacity, e.g. "30Gi"',
      'error data-volume-size DataVolume small spec.storage.resources.requests.storage: DataVolume "mq/small" asks for size "1M" (1000000 bytes), under 1 MiB, which CDI refuses (KubeVirt takes no disk that small): ask for at least "1Mi" (note "1M" is 1,000,000 bytes)',
    ]);
  });

  test('stays quiet on 1Mi, on a sized pvc, and on clones under storage without a size', () => {
    const oneMi = dataVolume('mi', (s) => { s.storage.resources.requests.storage = '1Mi'; });
    const sizedPvc = dataVolume('p', (s) => { delete s.storage; s.pvc = pvc('2Gi'); });
    const clone = dataVolume('c', (s) => { s.storage = {}; s.source = { pvc: { name: 'golden', namespace: 'os' } }; });
    const restore = dataVolume('r', (s) => { s.storage = {}; s.source = { snapshot: { name: 'snap', namespace: 'os' } }; });
    const fromDataSource = dataVolume('d', (s) => { s.storage = {}; delete s.source; s.sourceRef = { kind: 'DataSource', name: 'fedora', namespace: 'os' }; });
    expect(issuesOf(dataVolumeSize, [oneMi, sizedPvc, clone, restore, fromDataSource])).toEqual([]);
  });
});
