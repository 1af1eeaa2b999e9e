import { attach, issuesOf, vm } from './rule-fixtures';
import { interfaceFields } from '../../../src/validation/rules/interface-fields';

const PREFIX = 'error interface-fields VirtualMachine web spec.template.spec.domain.devices.interfaces';
const OF = 'of VirtualMachine "mq/web"';

describe('rule interface-fields', () => {
  test('a bad name, model, MAC, PCI address, ports and DHCP options', () => {
    const manifest = vm('web', (s) => {
      Object.assign(s.domain.devices.interfaces[0], {
        model: 'virtio-net',
        macAddress: '02:00:5e:00:53',
        pciAddress: '0000:00:0a',
        ports: [{ name: 'http', port: 80 }, { name: 'http', port: 0 }, { name: 'Web_UI', port: 8443, protocol: 'SCTP' }],
        dhcpOptions: { privateOptions: [{ option: 240, value: 'a' }, { option: 240, value: 'b' }, { option: 100, value: 'c' }], ntpServers: ['2001:db8::1'] },
      });
      attach(s, 'mq/br1', 'nic.1');
    });
    expect(issuesOf(interfaceFields, [manifest])).toEqual([
      `${PREFIX}[0].model: interface "default" ${OF} has model "virtio-net", which KubeVirt does not support (it knows "e1000", "e1000e", "igb", "ne2k_pci", "pcnet", "rtl8139", "virtio"): use one of those, or leave model out for virtio`,
      `${PREFIX}[0].macAddress: interface "default" ${OF} has MAC address "02:00:5e:00:53", which KubeVirt cannot parse as six bytes: write it as e.g. "02:00:5e:00:53:01"`,
      `${PREFIX}[0].pciAddress: interface "default" ${OF} has PCI address "0000:00:0a", which KubeVirt cannot parse: write it as domain:bus:slot.function in hex, e.g. "0000:00:0a.0"`,
      `${PREFIX}[0].ports[1].name: interface "default" ${OF} names two ports "http", and KubeVirt needs port names unique: rename one`,
      `${PREFIX}[0].ports[1].port: interface "default" ${OF} forwards port 0, and KubeVirt needs a port number from 1 to 65535: set one`,
      `${PREFIX}[0].ports[2].name: interface "default" ${OF} has port name "Web_UI", which KubeVirt refuses (a port name may contain only lowercase letters, digits and '-'): write e.g. "http", or leave name out`,
      `${PREFIX}[0].ports[2].protocol: interface "default" ${OF} forwards a port with protocol "SCTP", and KubeVirt allows only "TCP" or "UDP": use one of those, or leave protocol out for TCP`,
      `${PREFIX}[0].dhcpOptions.privateOptions[1].option: interface "default" ${OF} sets DHCP private option 240 twice, which KubeVirt refuses: keep one`,
      `${PREFIX}[0].dhcpOptions.privateOptions[2].option: interface "default" ${OF} has DHCP private option 100, and KubeVirt allows only the private range 224 to 254: use a number in it`,
      `${PREFIX}[0].dhcpOptions.ntpServers[0]: interface "default" ${OF} has NTP server "2001:db8::1", and KubeVirt accepts only IPv4 addresses there: write e.g. "192.0.2.10"`,
      `${PREFIX}[1].name: interface "nic.1" ${OF} has a name KubeVirt refuses (only letters, digits, '-' and '_'): rename it, and its network, e.g. "nic-1"`,
    ]);
  });

  test('stays quiet on the near misses', () => {
    const manifest = vm('web', (s) => {
      Object.assign(s.domain.devices.interfaces[0], {
        model: 'e1000e',
        macAddress: '02-00-5E-00-53-01',
        pciAddress: '0000:81:01.7',
        ports: [{ name: 'http', port: 80 }, { port: 80, protocol: 'UDP' }, { name: 'web-ui2', port: 65535 }],
        dhcpOptions: { privateOptions: [{ option: 224, value: 'a' }, { option: 254, value: 'b' }], ntpServers: ['192.0.2.10'] },
      });
      attach(s, 'mq/br1', 'Nic_1');
      // Ports on a Multus network are not forwarded, so KubeVirt does not check them.
      s.domain.devices.interfaces[1].ports = [{ port: 0, protocol: 'SCTP' }];
    });
    expect(issuesOf(interfaceFields, [manifest])).toEqual([]);
  });
});
