// An empty CD-ROM (a drive without a volume, for media hotplugged later) is accepted by KubeVirt
// v1.9.0 (DeclarativeHotplugVolumes is beta, on by default); every rule lets it pass.
import { vm } from './rules/rule-fixtures';
import { validateObjects } from '../../src/validation/validate-objects';

describe('empty CD-ROM drives', () => {
  test('pass every rule', () => {
    const drive = vm('web', (s) => { s.domain.devices.disks.push({ name: 'install', cdrom: { bus: 'sata' } }); });
    expect(validateObjects([drive])).toMatchObject({ valid: true, errors: [], warnings: [] });
  });

  test('a plain disk without a volume is still refused', () => {
    const disk = vm('web', (s) => { s.domain.devices.disks.push({ name: 'data', disk: { bus: 'virtio' } }); });
    expect(validateObjects([disk]).errors.map((i) => `${i.rule} ${i.path}`)).toEqual(['disks-and-volumes spec.template.spec.domain.devices.disks[1].name']);
  });
});
