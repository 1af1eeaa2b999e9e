import { vmView } from '../../src/model/object-index';
import { defaultedVmSpec } from '../../src/model/vm-defaults';
import { diskDeviceTypes } from '../../src/validation/rules/disk-device-types';
import { diskNames } from '../../src/validation/rules/disk-names';
import { IssueSeverity, validateObjects } from '../../src/validation/validate-objects';
import { issuesOf, vm } from '../validation/rules/rule-fixtures';

const bare = (patch: (spec: any, object: any) => void) => vm('web', (spec, object) => {
  delete spec.domain.devices.interfaces;
  delete spec.networks;
  patch(spec, object);
});

describe('defaultedVmSpec: the instance spec as KubeVirt v1.9.0 defaults it on create', () => {
  test('a VM with no interfaces and networks gets the pod network with KubeVirt\'s default binding; its manifest is untouched', () => {
    const object = bare(() => undefined);
    const before = JSON.stringify(object);
    const { spec, defaulted } = defaultedVmSpec(vmView(object)!);
    expect(spec.domain.devices.interfaces).toEqual([{ name: 'default', bridge: {} }]);
    expect(spec.networks).toEqual([{ name: 'default', pod: {} }]);
    expect(defaulted.get(spec.domain.devices.interfaces[0])?.clusterDefault).toMatch(/^the binding is the cluster's defaultNetworkInterface/);
    expect(JSON.stringify(object)).toBe(before);
  });

  test('autoattachPodInterface: false, or any network, keeps the interfaces as declared', () => {
    const detached = bare((spec) => { spec.domain.devices.autoattachPodInterface = false; });
    expect(defaultedVmSpec(vmView(detached)!).spec.domain.devices.interfaces).toBeUndefined();
    const declared = vm('web');
    expect(defaultedVmSpec(vmView(declared)!).spec).toBe(declared.spec.template.spec);
  });

  test('a volume without disk gets a disk of its name (not one a filesystem uses); a disk with no device type is a disk; an explicit architecture gives the bus', () => {
    const object = vm('web', (spec) => {
      spec.architecture = 'amd64';
      spec.domain.devices.disks = [{ name: 'root', disk: { bus: 'virtio' } }, { name: 'data' }, { name: 'iso', cdrom: {} }];
      spec.domain.devices.filesystems = [{ name: 'shared', virtiofs: {} }];
      spec.volumes.push({ name: 'data', emptyDisk: { capacity: '1Gi' } }, { name: 'iso', containerDisk: { image: 'x' } },
        { name: 'cloudinit', cloudInitNoCloud: { userData: '#cloud-config' } }, { name: 'shared', persistentVolumeClaim: { claimName: 's' } });
    });
    const { spec, defaulted } = defaultedVmSpec(vmView(object)!);
    expect(spec.domain.devices.disks).toEqual([
      { name: 'root', disk: { bus: 'virtio' } }, { name: 'data', disk: { bus: 'sata' } }, { name: 'iso', cdrom: { bus: 'sata' } }, { name: 'cloudinit', disk: { bus: 'sata' } },
    ]);
    expect(defaulted.get(spec.domain.devices.disks[3])?.path).toBe('spec.template.spec.volumes[3]');
  });

  test('two volumes of one name get one disk (the first volume\'s), and a VM that declares everything keeps its spec and adds nothing', () => {
    const twice = vm('web', (spec) => { spec.volumes.push({ name: 'seed', emptyDisk: { capacity: '1Gi' } }, { name: 'seed', emptyDisk: { capacity: '2Gi' } }); });
    const { spec, defaulted } = defaultedVmSpec(vmView(twice)!);
    expect(spec.domain.devices.disks.map((d: any) => d.name)).toEqual(['root', 'seed']);
    expect(defaulted.get(spec.domain.devices.disks[1])?.path).toBe('spec.template.spec.volumes[1]');
    const complete = vm('web');
    const untouched = defaultedVmSpec(vmView(complete)!);
    expect(untouched.spec).toBe(complete.spec.template.spec);
    expect(untouched.defaulted.size).toBe(0);
  });

  test('without an explicit architecture the bus stays open (the cluster\'s default architecture decides it)', () => {
    const object = vm('web', (spec) => { spec.volumes.push({ name: 'cloudinit', cloudInitNoCloud: { userData: '#cloud-config' } }); });
    expect(defaultedVmSpec(vmView(object)!).spec.domain.devices.disks[1]).toEqual({ name: 'cloudinit', disk: {} });
  });
});

/** A VM that can live-migrate but for its interfaces: its disk is an RWX claim known to the run. */
const onClaim = (object: any) => { object.spec.template.spec.volumes[0] = { name: 'root', persistentVolumeClaim: { claimName: 'root' } }; return object; };
const CLAIMS = { 'mq/root': ['ReadWriteMany'] };

describe('rules judge the defaulted spec', () => {
  test('a VM without interfaces that must live-migrate: the default pod interface\'s bridge binding is judged (a warning: it rests on the cluster\'s setting; an error under --closed)', () => {
    const object = onClaim(bare((spec) => { spec.evictionStrategy = 'LiveMigrate'; }));
    const blocker = 'InterfaceNotLiveMigratable: the VM declares no interface, so KubeVirt adds one on the pod network, and the binding is the cluster\'s defaultNetworkInterface: bridge unless the KubeVirt CR sets another (the HyperConverged operator sets masquerade); bridge hands the pod\'s IP to the guest and cannot take it to another node: declare the interface with masquerade binding (interfaces [{ name: "default", masquerade: {} }], networks [{ name: "default", pod: {} }])';
    const open = validateObjects([object], { unresolvedReferences: IssueSeverity.WARNING, knownClaims: CLAIMS });
    expect(open.warnings.filter((w) => w.rule === 'live-migration').map((w) => `${w.path}: ${w.message}`)).toEqual([
      `spec.template.spec.domain.devices: ${blocker} (the cluster's default interface binding decides it (masquerade under HyperConverged); --closed makes this an error)`,
    ]);
    expect(open.errors.filter((e) => e.rule === 'live-migration')).toEqual([]);
    expect(validateObjects([object], { knownClaims: CLAIMS }).errors.filter((e) => e.rule === 'live-migration').map((e) => e.message)).toEqual([blocker]);
  });

  test('near miss: with autoattachPodInterface false, or a declared masquerade interface, nothing is added or blocked', () => {
    const detached = onClaim(bare((spec) => { spec.evictionStrategy = 'LiveMigrate'; spec.domain.devices.autoattachPodInterface = false; }));
    const declared = onClaim(vm('web', (spec) => { spec.evictionStrategy = 'LiveMigrate'; }));
    for (const object of [detached, declared]) {
      const report = validateObjects([object], { knownClaims: CLAIMS });
      expect([...report.errors, ...report.warnings].filter((i) => i.rule === 'live-migration')).toEqual([]);
    }
  });

  test('a diskless volume counts as a disk: its name must be a DNS label as a disk\'s (KubeVirt validates the disk it adds)', () => {
    const object = vm('web', (spec) => { spec.volumes.push({ name: 'cloudInit', cloudInitNoCloud: { userData: '#cloud-config' } }); });
    expect(issuesOf(diskNames, [object])).toEqual([
      'error disk-names VirtualMachine web spec.template.spec.volumes[1].name: volume "cloudInit" of VirtualMachine "mq/web" has no disk, so KubeVirt adds one of its name, and that name is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (e.g. "cloudinit"); KubeVirt refuses it because a disk\'s name becomes the name of a container in the VM\'s pod (rename the volume)',
    ]);
    const fine = vm('web', (spec) => { spec.volumes.push({ name: 'cloudinit', cloudInitNoCloud: { userData: '#cloud-config' } }); });
    expect(issuesOf(diskNames, [fine])).toEqual([]);
  });

  test('the default bus of an explicit architecture: a read-only disk without bus on amd64 is SATA, which KubeVirt refuses', () => {
    const object = vm('web', (spec) => { spec.architecture = 'amd64'; spec.domain.devices.disks[0] = { name: 'root', disk: { readOnly: true } }; });
    expect(issuesOf(diskDeviceTypes, [object])).toEqual([
      'error disk-device-types VirtualMachine web spec.template.spec.domain.devices.disks[0].disk.bus: disk "root" of VirtualMachine "mq/web" has a read-only disk on bus "sata", which KubeVirt refuses (SATA hard disks cannot be read-only): use bus "virtio" or "scsi", or a cdrom (its bus is left out, and KubeVirt gives disks on "amd64" that bus when it creates the VMI)',
    ]);
    const open = vm('web', (spec) => { spec.domain.devices.disks[0] = { name: 'root', disk: { readOnly: true } }; });
    const virtio = vm('web', (spec) => { spec.architecture = 'amd64'; spec.domain.devices.disks[0] = { name: 'root', disk: { readOnly: true, bus: 'virtio' } }; });
    expect(issuesOf(diskDeviceTypes, [open, virtio])).toEqual([]);
  });
});
