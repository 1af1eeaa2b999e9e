import { Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { backupSetup, synthWarnings } from './fixtures';
import { VirtualMachineExport } from '../../src/backup/virtual-machine-export';
import { VirtualMachineSnapshot } from '../../src/backup/virtual-machine-snapshot';
import { RunStrategy } from '../../src/compute/run-strategy';
import { DeploymentPhase } from '../../src/gitops/deployment-phase';
import { deploymentPhaseOf } from '../../src/gitops/sync-waves';
import { findObject, synthValid } from '../helpers';

describe('VirtualMachineExport', () => {
  test('a stopped VM\'s disks, with the token from an existing Secret and a TTL', () => {
    const setup = backupSetup({ runStrategy: RunStrategy.HALTED });
    const exported = new VirtualMachineExport(setup.day2, 'download', {
      source: setup.vm, metadata: { name: 'db-download' }, tokenSecretName: 'db-export-token', ttl: Duration.hours(8),
    });
    expect(findObject(synthValid(setup.day2), 'VirtualMachineExport')).toEqual({
      apiVersion: 'export.kubevirt.io/v1',
      kind: 'VirtualMachineExport',
      metadata: { name: 'db-download', namespace: 'shop' },
      spec: {
        source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'db' },
        tokenSecretRef: 'db-export-token',
        ttlDuration: '8h0m0s',
      },
    });
    expect([exported.source, exported.tokenSecretName, exported.resourceType]).toEqual([setup.vm, 'db-export-token', 'virtualmachineexports']);
    expect(deploymentPhaseOf(exported.apiObject)).toBe(DeploymentPhase.WORKLOADS);
    expect(synthWarnings(setup)).toEqual([]);
  });

  test('a snapshot, with the token KubeVirt generates: no Secret, no token in the manifest', () => {
    const setup = backupSetup();
    const snapshot = new VirtualMachineSnapshot(setup.day2, 'snap', { vm: setup.vm, metadata: { name: 'db-nightly' } });
    new VirtualMachineExport(setup.day2, 'download', { source: snapshot, metadata: { name: 'db-nightly' } });
    const objects = synthValid(setup.day2);
    expect(findObject(objects, 'VirtualMachineExport')).toEqual({
      apiVersion: 'export.kubevirt.io/v1',
      kind: 'VirtualMachineExport',
      metadata: { name: 'db-nightly', namespace: 'shop' },
      spec: { source: { apiGroup: 'snapshot.kubevirt.io', kind: 'VirtualMachineSnapshot', name: 'db-nightly' } },
    });
    expect(objects.map((o) => o.kind)).toEqual(['VirtualMachineSnapshot', 'VirtualMachineExport']);
    expect(synthWarnings(setup)).toEqual([]);
  });

  test('a claim, in the namespace of the export\'s chart', () => {
    const setup = backupSetup();
    const transfer = new Chart(setup.app, 'transfer', { namespace: 'shop' });
    const claim = kplus.PersistentVolumeClaim.fromClaimName(transfer, 'disk', 'db-root');
    new VirtualMachineExport(transfer, 'download', { source: claim, metadata: { name: 'db-root' } });
    expect(findObject(synthValid(transfer), 'VirtualMachineExport')).toEqual({
      apiVersion: 'export.kubevirt.io/v1',
      kind: 'VirtualMachineExport',
      metadata: { name: 'db-root', namespace: 'shop' },
      spec: { source: { kind: 'PersistentVolumeClaim', name: 'db-root' } },
    });
  });

  test('warns that a VM declared running is exported only once stopped', () => {
    const setup = backupSetup();
    new VirtualMachineExport(setup.day2, 'download', { source: setup.vm });
    expect(synthWarnings(setup)).toEqual([
      '[day2/download] warning: VirtualMachine "shop/db" is declared running (runStrategy Always), and KubeVirt exports a VM\'s disks only while it is stopped: export a VirtualMachineSnapshot of it, or stop it',
    ]);
  });

  test('synth refuses a token Secret of this app without the key "token"; accepts one with it', () => {
    const setup = backupSetup({ runStrategy: RunStrategy.HALTED });
    new kplus.Secret(setup.workloads, 'wrong', { metadata: { name: 'wrong-key' }, stringData: { password: 's3cret' } });
    new kplus.Secret(setup.workloads, 'right', { metadata: { name: 'right-key' }, stringData: { token: 's3cret' } });
    new VirtualMachineExport(setup.day2, 'good', { source: setup.vm, tokenSecretName: 'right-key' });
    new VirtualMachineExport(setup.day2, 'bad', { source: setup.vm, tokenSecretName: 'wrong-key' });
    expect(() => setup.app.synthYaml()).toThrow([
      'Validation failed with the following errors:',
      '  [day2/bad] tokenSecretName "wrong-key": the Secret declared in this app has no key "token" (it has "password"), and KubeVirt reads the token from that key: rename the key to "token"',
    ].join('\n'));
  });

  test('bad input names the construct, the value and the fix', () => {
    const { day2, vm } = backupSetup();
    const bad = (id: string, props: unknown) => () => new VirtualMachineExport(day2, id, props as any);
    const source = 'must be a VirtualMachine, a VirtualMachineSnapshot or a PersistentVolumeClaim (e.g. kplus.PersistentVolumeClaim.fromClaimName(this, "disk", "name"))';
    expect(bad('a', { source: 'db-root' })).toThrow(`[day2/a] source "db-root" ${source}`);
    expect(bad('b', { source: vm, token: 'hunter2' })).toThrow(
      '[day2/b] token is not a prop: a token in the manifest is a password in clear; put it in a Secret (key "token") and give tokenSecretName, or leave both out for a generated one');
    expect(bad('c', { source: vm, tokenSecretName: 'Export Token' })).toThrow('[day2/c] tokenSecretName "Export Token" is not a valid DNS-1123 subdomain');
    expect(bad('d', { source: vm, ttl: '2h' })).toThrow('[day2/d] ttl "2h" must be a Duration, e.g. Duration.minutes(10)');
    expect(bad('e', { source: vm, metadata: { name: 'Download' } })).toThrow('[day2/e] metadata.name "Download" is not a valid DNS-1123 subdomain');
  });

  test('plain-JS input: null or missing props and wrong types give messages, not TypeErrors', () => {
    const { day2, vm } = backupSetup();
    const bad = (id: string, props: unknown) => () => new VirtualMachineExport(day2, id, props as any);
    expect(bad('a', null)).toThrow('[day2/a] props null must be an object of VirtualMachineExportProps, e.g. { source: vm }');
    expect(bad('a2', {})).toThrow('[day2/a2] source undefined must be a VirtualMachine');
    expect(bad('b', { source: null })).toThrow('[day2/b] source null must be a VirtualMachine');
    expect(bad('c', { source: { kind: 'PersistentVolumeClaim' } })).toThrow('[day2/c] source {"kind":"PersistentVolumeClaim"} must be a VirtualMachine');
    expect(bad('d', { source: vm, tokenSecretName: '' })).toThrow('[day2/d] tokenSecretName "" must be a non-empty string');
    expect(bad('e', { source: vm, tokenSecretName: { name: 'x' } })).toThrow('[day2/e] tokenSecretName {"name":"x"} must be a non-empty string');
    expect(bad('f', { source: vm, metadata: 3 })).toThrow('[day2/f] metadata 3 must be an object');
  });
});
