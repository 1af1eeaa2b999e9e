import { Chart, Testing } from 'cdk8s';
import { issuesOf, vm } from './rule-fixtures';
import { VirtualMachine } from '../../../src/compute/virtual-machine';
import { VolumeSource } from '../../../src/storage/volume-source';
import { AppValidation } from '../../../src/validation/app-validation';
import { cloudInitPasswords } from '../../../src/validation/rules/cloud-init-passwords';

function withCloudInit(source: object): any {
  return vm('a', (s) => {
    s.domain.devices.disks.push({ name: 'cloudinitdisk', disk: {} });
    s.volumes.push({ name: 'cloudinitdisk', cloudInitConfigDrive: source });
  });
}

function userDataSecret(name: string, data: Record<string, string>, encoded = true): any {
  const values = encoded ? { data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) } : { stringData: data };
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'mq' }, ...values };
}

const SECRET_FIX = 'and this Secret\'s manifest keeps it only base64-encoded, readable by anyone who reads the manifests (and Git): use a crypt hash (openssl passwd -6), SSH keys, or a Secret kept out of these manifests (an existing or external Secret, e.g. addCloudInit\'s userDataSecret)';

describe('rule cloud-init-passwords', () => {
  test('fires on a clear-text password in config-drive user data', () => {
    expect(issuesOf(cloudInitPasswords, [withCloudInit({ userData: '#cloud-config\npassword: fedora\n' })])).toEqual([
      'error cloud-init-passwords VirtualMachine a spec.template.spec.volumes[1].cloudInitConfigDrive.userData: cloud-init user data sets a clear-text password (password) in the manifest, where anyone who can read the VM reads it: move the user data into a Secret (secretRef; addCloudInit writes one), use a crypt hash (openssl passwd -6), or use SSH keys',
    ]);
  });

  test('warns on a clear-text password in the user data of a Secret among the objects (data or stringData, either key)', () => {
    const objects = [
      withCloudInit({ secretRef: { name: 'a-cloud-init' } }),
      userDataSecret('a-cloud-init', { userdata: '#cloud-config\nchpasswd:\n  list: |\n    fedora:hunter2\n' }),
      { ...withCloudInit({ secretRef: { name: 'b-cloud-init' } }), metadata: { name: 'b', namespace: 'mq' } },
      userDataSecret('b-cloud-init', { userData: '#cloud-config\npassword: fedora\n' }, false),
    ];
    expect(issuesOf(cloudInitPasswords, objects)).toEqual([
      `warning cloud-init-passwords Secret a-cloud-init data["userdata"]: the cloud-init user data of VirtualMachine "mq/a" sets a clear-text password (chpasswd.list), ${SECRET_FIX}`,
      `warning cloud-init-passwords Secret b-cloud-init stringData["userData"]: the cloud-init user data of VirtualMachine "mq/b" sets a clear-text password (password), ${SECRET_FIX}`,
    ]);
  });

  test('stays quiet on a hashed password, a Secret not among the objects, an unreferenced Secret, and scripts', () => {
    const hashed = '#cloud-config\npassword: $6$salt$abcdefghijklmnop\n';
    const objects = [
      withCloudInit({ secretRef: { name: 'a-cloud-init' } }),
      userDataSecret('a-cloud-init', { userdata: hashed }),
      { ...withCloudInit({ secretRef: { name: 'elsewhere' } }), metadata: { name: 'b', namespace: 'mq' } },
      userDataSecret('unused', { userdata: '#cloud-config\npassword: fedora\n' }),
      { ...withCloudInit({ userData: '#!/bin/sh\necho password: x\n' }), metadata: { name: 'c', namespace: 'mq' } },
    ];
    expect(issuesOf(cloudInitPasswords, objects)).toEqual([]);
  });

  test('at synth, addCloudInit with a clear-text password passes with a warning on the generated Secret', () => {
    const app = Testing.app();
    const warnings: string[] = [];
    AppValidation.of(app).configure({ onWarnings: (lines) => warnings.push(...lines) });
    const chart = new Chart(app, 'apps', { namespace: 'mq' });
    const machine = new VirtualMachine(chart, 'vm', { metadata: { name: 'vm' }, memory: '1Gi' });
    machine.addDisk('root', VolumeSource.containerDisk('quay.io/containerdisks/fedora:40'));
    machine.addCloudInit({ userData: { user: 'fedora', password: 'hunter2' } });
    app.synthYaml();
    // cdk8s validates once more per chart in synthYaml (Chart.toJson), so each warning comes twice.
    expect([...new Set(warnings)]).toEqual([
      `[apps/vm/CloudInitSecret] warning: Secret mq/vm-cloud-init data["userdata"]: the cloud-init user data of VirtualMachine "mq/vm" sets a clear-text password (password), ${SECRET_FIX}`,
    ]);
  });
});
