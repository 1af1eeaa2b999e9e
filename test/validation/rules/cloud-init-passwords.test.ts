import { issuesOf, vm } from './rule-fixtures';
import { cloudInitPasswords } from '../../../src/validation/rules/cloud-init-passwords';

function withCloudInit(source: object): any {
  return vm('a', (s) => {
    s.domain.devices.disks.push({ name: 'cloudinitdisk', disk: {} });
    s.volumes.push({ name: 'cloudinitdisk', cloudInitConfigDrive: source });
  });
}

describe('rule cloud-init-passwords', () => {
  test('fires on a clear-text password in config-drive user data', () => {
    expect(issuesOf(cloudInitPasswords, [withCloudInit({ userData: '#cloud-config\npassword: fedora\n' })])).toEqual([
      'error cloud-init-passwords VirtualMachine a spec.template.spec.volumes[1].cloudInitConfigDrive.userData: cloud-init user data sets a clear-text password (password) in the manifest, where anyone who can read the VM reads it: move the user data into a Secret (secretRef; addCloudInit writes one), use a crypt hash (openssl passwd -6), or use SSH keys',
    ]);
  });

  test('stays quiet on user data in a Secret, and on scripts', () => {
    expect(issuesOf(cloudInitPasswords, [withCloudInit({ secretRef: { name: 'a-cloud-init' } }), withCloudInit({ userData: '#!/bin/sh\necho password: x\n' })])).toEqual([]);
  });
});
