import { App, Chart, Testing } from 'cdk8s';
import { VirtualMachine, VirtualMachineProps } from '../../src/compute/virtual-machine';
import { VolumeSource } from '../../src/storage/volume-source';
import { findObject, secretData, synthValid } from '../helpers';

const UNATTEND = '<?xml version="1.0" encoding="utf-8"?>\n<unattend xmlns="urn:schemas-microsoft-com:unattend"><settings pass="oobeSystem"/></unattend>\n';
const AUTOUNATTEND = '<unattend xmlns="urn:schemas-microsoft-com:unattend"><settings pass="windowsPE"/></unattend>';

function newChart(): Chart {
  return new Chart(new App({ outdir: Testing.app().outdir }), 'test', { namespace: 'win' });
}

function vm(chart: Chart, props: Partial<VirtualMachineProps>): VirtualMachine {
  return new VirtualMachine(chart, 'vm', { metadata: { name: 'win' }, memory: '4Gi', ...props });
}

function refusal(props: unknown): string {
  try {
    vm(newChart(), props as Partial<VirtualMachineProps>);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the VM to be refused');
}

describe('VirtualMachine: sysprep', () => {
  test('answer files given here go into a generated Secret (keys KubeVirt looks for), attached as a SATA CD-ROM', () => {
    const chart = newChart();
    vm(chart, { sysprep: { unattend: UNATTEND, autounattend: AUTOUNATTEND } });
    const objects = synthValid(chart);
    const spec = findObject(objects, 'VirtualMachine', 'win').spec.template.spec;
    expect(spec.domain.devices.disks).toEqual([{ name: 'sysprep', cdrom: { bus: 'sata' } }]);
    expect(spec.volumes).toEqual([{ name: 'sysprep', sysprep: { secret: { name: 'win-sysprep' } } }]);
    const secret = findObject(objects, 'Secret', 'win-sysprep');
    expect(secret.metadata.namespace).toBe('win');
    expect(secretData(secret)).toEqual({ 'unattend.xml': UNATTEND, 'autounattend.xml': AUTOUNATTEND });
    // The answer file (with its password) is never in the VM itself.
    expect(JSON.stringify(findObject(objects, 'VirtualMachine', 'win'))).not.toContain('oobeSystem');
  });

  test('an existing Secret or ConfigMap by name, and no generated Secret; the disk name can be chosen', () => {
    const chart = newChart();
    vm(chart, { sysprep: { secretName: 'win-answers', diskName: 'answers' } });
    const objects = synthValid(chart);
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    expect(findObject(objects, 'VirtualMachine', 'win').spec.template.spec.volumes).toEqual([{ name: 'answers', sysprep: { secret: { name: 'win-answers' } } }]);
    const other = newChart();
    vm(other, { sysprep: { configMapName: 'win-answers' } });
    expect(findObject(synthValid(other), 'VirtualMachine', 'win').spec.template.spec.volumes).toEqual([{ name: 'sysprep', sysprep: { configMap: { name: 'win-answers' } } }]);
  });

  test('the CD-ROM comes after the disks and the cloud-init disk', () => {
    const chart = newChart();
    const v = vm(chart, { disks: [{ name: 'root', source: VolumeSource.containerDisk('quay.io/example/win:1') }], sysprep: { secretName: 'a' } });
    v.addCloudInit({ userData: { hostname: 'win' } });
    const disks = findObject(synthValid(chart), 'VirtualMachine', 'win').spec.template.spec.domain.devices.disks;
    expect(disks.map((d: any) => d.name)).toEqual(['root', 'cloudinitdisk', 'sysprep']);
  });

  test('its disk name is taken: by a disk, a later disk, or cloud-init', () => {
    expect(refusal({ disks: [{ name: 'sysprep', source: VolumeSource.emptyDisk('1Gi') }], sysprep: { secretName: 'a' } }))
      .toBe('[test/vm] sysprep.diskName "sysprep" is already a disk of this VM: pass another diskName');
    const chart = newChart();
    const v = vm(chart, { sysprep: { secretName: 'a' } });
    expect(() => v.addDisk('sysprep', VolumeSource.emptyDisk('1Gi'))).toThrow(new Error('[test/vm] disk name "sysprep" is used twice: every disk of a VM needs its own name'));
    expect(() => v.addCloudInit({ userData: {}, diskName: 'sysprep' })).toThrow(new Error('[test/vm] cloud-init diskName "sysprep" is already a disk of this VM: pass another diskName'));
    expect(refusal({ cloudInit: { userData: {}, diskName: 'sysprep' }, sysprep: { secretName: 'a' } }))
      .toBe('[test/vm] cloud-init diskName "sysprep" is already a disk of this VM: pass another diskName');
  });

  test('exactly one source', () => {
    expect(refusal({ sysprep: {} })).toBe('[test/vm] sysprep needs exactly one of autounattend/unattend (answer files written here, into a generated Secret), secretName or configMapName (existing objects), and has 0: keep one');
    expect(refusal({ sysprep: { unattend: UNATTEND, secretName: 'a' } })).toBe('[test/vm] sysprep needs exactly one of autounattend/unattend (answer files written here, into a generated Secret), secretName or configMapName (existing objects), and has 2: keep one');
    expect(refusal({ sysprep: { secretName: 'a', configMapName: 'b' } })).toBe('[test/vm] sysprep needs exactly one of autounattend/unattend (answer files written here, into a generated Secret), secretName or configMapName (existing objects), and has 2: keep one');
  });

  test('what is not an answer file, or not a name, is refused', () => {
    expect(refusal({ sysprep: { unattend: 'password=secret' } })).toBe('[test/vm] sysprep.unattend "password=secret" is not a Windows answer file: give the XML of unattend.xml, whose root element is <unattend xmlns="urn:schemas-microsoft-com:unattend">');
    expect(refusal({ sysprep: { autounattend: `<xml>${'x'.repeat(50)}</xml>` } })).toBe(`[test/vm] sysprep.autounattend "<xml>${'x'.repeat(35)}..." is not a Windows answer file: give the XML of autounattend.xml, whose root element is <unattend xmlns="urn:schemas-microsoft-com:unattend">`);
    expect(refusal({ sysprep: { unattend: 42 } })).toBe('[test/vm] sysprep.unattend 42 is not a Windows answer file: give the XML of unattend.xml, whose root element is <unattend xmlns="urn:schemas-microsoft-com:unattend">');
    expect(refusal({ sysprep: { secretName: 'Bad_Name' } })).toMatch(/^\[test\/vm\] sysprep\.secretName "Bad_Name" is not a valid DNS-1123 subdomain/);
    expect(refusal({ sysprep: { configMapName: 3 } })).toBe('[test/vm] sysprep.configMapName 3 must be a string');
    expect(refusal({ sysprep: { secretName: 'a', diskName: 'Answers' } })).toMatch(/^\[test\/vm\] sysprep\.diskName "Answers" is not a valid DNS-1123 label/);
    expect(refusal({ sysprep: 'autounattend.xml' })).toBe('[test/vm] sysprep "autounattend.xml" must be an object of SysprepOptions, e.g. { unattend: "<unattend ...>...</unattend>" } or { secretName: "win-sysprep" }');
  });

  test('a refused VM leaves no Secret behind', () => {
    const chart = newChart();
    expect(() => vm(chart, { memory: 'lots', sysprep: { unattend: UNATTEND } })).toThrow();
    expect(Testing.synth(chart)).toEqual([]);
  });
});
