import { Chart, Testing } from 'cdk8s';
import { uuidV5 } from '../../src/compute/firmware-identity';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { synthValid } from '../helpers';

/** KubeVirt's own name-based firmware UUIDs (virt-controller back-fill, kubevirt/kubevirt pkg/virt-controller/watch/vm/firmware.go). */
const KUBEVIRT_FIRMWARE_NAMESPACE = '6a1a24a1-4061-4607-8bf4-a3963d0c5895';

describe('firmware identity', () => {
  test.each([
    // Vectors from Python's uuid.uuid5 with KubeVirt's namespace (RFC 4122 version 5, as Go's uuid.NewSHA1).
    ['testvm', '5a9fc181-957e-5c32-9e5a-2de5e9673531'],
    ['testvmi', 'f8918e71-270a-598e-a2a4-1afac39e1394'],
    ['vm-cirros', '0d2a2043-41c0-59c3-9b17-025022203668'],
    ['my-vm', '41256f5f-3759-54d0-9c60-26dff9079ab1'],
  ])('uuidV5 is RFC 4122 version 5: %s', (name, expected) => {
    expect(uuidV5(KUBEVIRT_FIRMWARE_NAMESPACE, name)).toBe(expected);
  });

  test('every VM gets a UUID and serial derived from namespace and name: stable, and different in another namespace', () => {
    const firmwareOf = (namespace: string) => {
      const chart = new Chart(Testing.app(), 'c', { namespace });
      new VirtualMachine(chart, 'vm', { metadata: { name: 'qm1' }, memory: '1Gi' });
      return synthValid(chart)[0].spec.template.spec.domain.firmware;
    };
    expect(firmwareOf('mq')).toEqual({ uuid: '9408535d-85da-5907-915f-a6ae92640f29', serial: '41e5ad3b-a19b-560e-8922-098639ae1581' });
    expect(firmwareOf('mq')).toEqual(firmwareOf('mq'));
    expect(firmwareOf('other').uuid).toBe('ae226eff-e3e8-5122-938f-a0fd68ac7880');
  });

  test('an adopted VM keeps the identity it has', () => {
    const chart = Testing.chart();
    new VirtualMachine(chart, 'vm', { metadata: { name: 'legacy' }, memory: '1Gi', firmwareIdentity: { uuid: 'd633a622-2335-5606-93ae-d432b7c7f2d2', serial: 'SN-0042' } });
    expect(synthValid(chart)[0].spec.template.spec.domain.firmware).toEqual({ uuid: 'd633a622-2335-5606-93ae-d432b7c7f2d2', serial: 'SN-0042' });
  });

  test.each([
    [{ uuid: 'not-a-uuid' }, '[test/vm] firmwareIdentity.uuid "not-a-uuid" is not a lower-case UUID (8-4-4-4-12 hex digits): copy it from the running VM (spec.template.spec.domain.firmware.uuid), or leave it out for one derived from namespace and name'],
    [{ serial: '' }, '[test/vm] firmwareIdentity.serial "" must be a non-empty string, or left out for one derived from namespace and name'],
    ['uuid', '[test/vm] firmwareIdentity "uuid" must be an object such as { uuid: "...", serial: "..." }'],
  ])('refuses firmwareIdentity %j', (identity, message) => {
    expect(() => new VirtualMachine(new Chart(Testing.app(), 'test'), 'vm', { memory: '1Gi', firmwareIdentity: identity as any })).toThrow(new Error(message));
  });
});
