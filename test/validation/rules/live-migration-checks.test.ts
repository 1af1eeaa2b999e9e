import * as fs from 'fs';
import * as path from 'path';
import { ObjectIndex, vmView } from '../../../src/model/object-index';
import { analyzeLiveMigration, migrationChecks } from '../../../src/validation/live-migration-readiness';

const CHECKS = path.join(__dirname, '..', '..', '..', 'src', 'validation', 'rules', 'live-migration');

/** A VMI that can live-migrate (RWX claim, masquerade), with `patch` applied to its spec. */
function vmi(patch: (spec: any) => void = () => undefined): any {
  const spec: any = {
    domain: { devices: { disks: [{ name: 'root', disk: {} }], interfaces: [{ name: 'default', masquerade: {} }] } },
    networks: [{ name: 'default', pod: {} }],
    volumes: [{ name: 'root', persistentVolumeClaim: { claimName: 'root' } }],
  };
  patch(spec);
  return { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name: 'i', namespace: 'mq' }, spec };
}

/** The reasons the analysis gives for `object` (with an RWX claim `root` known). */
function reasonsOf(object: any): string[] {
  const knownClaims = new Map([['mq/root', ['ReadWriteMany']]]);
  return analyzeLiveMigration(vmView(object)!, { index: new ObjectIndex([object]), knownClaims }).blockers.map((b) => b.reason);
}

/** Per check file: a VMI it blocks, and a close one it lets pass. */
const CASES: Record<string, { fires: (spec: any) => void; quiet: (spec: any) => void }> = {
  'volumes': {
    fires: (s) => { s.volumes[0] = { name: 'root', persistentVolumeClaim: { claimName: 'not-declared' } }; },
    quiet: (s) => { s.volumes.push({ name: 'host', hostDisk: { path: '/shared/x.img', type: 'Disk', shared: true } }); },
  },
  'persistent-reservation': { fires: (s) => { s.domain.devices.disks[0].lun = { reservation: true }; }, quiet: (s) => { s.domain.devices.disks[0].lun = {}; } },
  'pod-interfaces': { fires: (s) => { s.domain.devices.interfaces[0].ports = [{ port: 49152 }]; }, quiet: (s) => { s.domain.devices.interfaces[0].ports = [{ port: 8080 }]; } },
  'cpu-mode': { fires: (s) => { s.domain.cpu = { model: 'host-passthrough' }; }, quiet: (s) => { s.domain.cpu = { model: 'host-model' }; } },
  'host-devices': { fires: (s) => { s.domain.devices.hostDevices = [{ name: 'nic' }]; }, quiet: (s) => { s.domain.devices.gpus = []; s.domain.devices.hostDevices = []; } },
  'virtiofs': { fires: (s) => { s.domain.devices.filesystems = [{ name: 'fs', virtiofs: {} }]; }, quiet: (s) => { s.domain.devices.filesystems = []; } },
  'hyperv-passthrough': { fires: (s) => { s.domain.features = { hypervPassthrough: { enabled: true } }; }, quiet: (s) => { s.domain.features = { hypervPassthrough: { enabled: false } }; } },
  'confidential-guests': { fires: (s) => { s.domain.launchSecurity = { snp: {} }; }, quiet: (s) => { s.domain.launchSecurity = {}; } },
  'node-affinity': { fires: (s) => { s.nodeSelector = { 'kubernetes.io/hostname': 'w1' }; }, quiet: (s) => { s.nodeSelector = { 'node-role.kubernetes.io/worker': '' }; } },
};

describe('live-migration checks (src/validation/rules/live-migration/)', () => {
  test('the registry finds every check file, each named after its check, in field order', () => {
    const files = fs.readdirSync(CHECKS).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
    expect(migrationChecks().map((c) => c.id).sort()).toEqual(files);
    expect(migrationChecks().map((c) => c.id)).toEqual(Object.keys(CASES));
  });

  test('the migratable base passes every check', () => {
    expect(reasonsOf(vmi())).toEqual([]);
  });

  test.each(Object.keys(CASES))('%s fires with its own reasons, and stays quiet on the near miss', (id) => {
    const check = migrationChecks().find((c) => c.id === id)!;
    const own = check.reasons.map((r) => r.reason as string);
    const fired = reasonsOf(vmi(CASES[id].fires));
    expect(fired.length).toBeGreaterThan(0);
    expect(fired.every((reason) => own.includes(reason))).toBe(true);
    expect(reasonsOf(vmi(CASES[id].quiet))).toEqual([]);
  });
});
