import { App, Chart, Testing } from 'cdk8s';
import { CloudConfig, renderNetworkData, renderUserData } from '../../src/compute/cloud-init';
import { SshKeyPropagation, validatePublicKey } from '../../src/compute/ssh-keys';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { OTHER_PUBLIC_KEY, PUBLIC_KEY } from '../helpers';

describe('renderUserData', () => {
  test('nothing to render without user data or keys', () => {
    expect(renderUserData({})).toEqual({});
  });

  test('keys alone become a #cloud-config document', () => {
    expect(renderUserData({ sshAuthorizedKeys: [PUBLIC_KEY] })).toEqual({ text: `#cloud-config\nssh_authorized_keys:\n  - ${PUBLIC_KEY}\n` });
  });

  test('an object is rendered as #cloud-config YAML in the order given, long lines unfolded', () => {
    const long = 'x'.repeat(200);
    expect(renderUserData({ userData: { runcmd: [['echo', long]], user: 'fedora' } })).toEqual({
      text: `#cloud-config\nruncmd:\n  - - echo\n    - ${long}\nuser: fedora\n`,
    });
  });

  test('a string is passed through untouched when there are no keys', () => {
    const script = '#!/bin/bash\necho hi\n';
    expect(renderUserData({ userData: script })).toEqual({ text: script });
  });

  test('keys are appended to an object\'s own ssh_authorized_keys', () => {
    expect(renderUserData({ userData: { ssh_authorized_keys: [OTHER_PUBLIC_KEY] }, sshAuthorizedKeys: [PUBLIC_KEY] })).toEqual({
      text: `#cloud-config\nssh_authorized_keys:\n  - ${OTHER_PUBLIC_KEY}\n  - ${PUBLIC_KEY}\n`,
    });
  });

  test('an empty #cloud-config string takes the keys', () => {
    expect(renderUserData({ userData: '#cloud-config\n', sshAuthorizedKeys: [PUBLIC_KEY] })).toEqual({
      text: `#cloud-config\nssh_authorized_keys:\n  - ${PUBLIC_KEY}\n`,
    });
  });

  test.each([
    [{ userData: '#cloud-config\nusers: [\n', sshAuthorizedKeys: [PUBLIC_KEY] }, /^userData is not valid YAML \(.+\): fix the #cloud-config document$/],
    [{ userData: '#cloud-config\n- a\n- b\n', sshAuthorizedKeys: [PUBLIC_KEY] }, /^userData must be a #cloud-config mapping to merge sshAuthorizedKeys into it$/],
    [{ userData: 42 as unknown as string }, /^userData must be a string or a cloud-config object$/],
    [{ sshAuthorizedKeys: ['ssh-ed25519'] }, /^sshAuthorizedKeys\[0\] is not an OpenSSH public key: /],
  ])('problem: %j', (options, problem) => {
    const result = renderUserData(options);
    expect(result.text).toBeUndefined();
    expect(result.problem).toMatch(problem);
  });
});

describe('renderNetworkData', () => {
  test('objects become YAML without a header; strings pass through', () => {
    expect(renderNetworkData({ version: 2, ethernets: { eth1: { addresses: ['192.168.4.1/24'] } } })).toBe(
      'version: 2\nethernets:\n  eth1:\n    addresses:\n      - 192.168.4.1/24\n');
    expect(renderNetworkData('version: 1\n')).toBe('version: 1\n');
  });
});

describe('SSH keys', () => {
  test.each([
    PUBLIC_KEY, OTHER_PUBLIC_KEY, 'ecdsa-sha2-nistp256 AAAAE2VjZHNh', 'sk-ssh-ed25519@openssh.com AAAAGnNr', 'ssh-ed25519 AAAA',
  ])('%s is a public key', (key) => {
    expect(validatePublicKey(key)).toBeUndefined();
  });

  test.each([
    ['AAAAC3NzaC1lZDI1NTE5', /^is not an OpenSSH public key/],
    ['ssh-ed25519 AAAA\nssh-rsa BBBB', /^is not an OpenSSH public key/],
    ['-----BEGIN OPENSSH PRIVATE KEY-----', /^is a PRIVATE key/],
    [7, /^is not a string/],
  ])('%j is refused', (key, problem) => {
    expect(validatePublicKey(key as string)).toMatch(problem);
  });

  test('qemuGuestAgent needs guest user names', () => {
    expect(SshKeyPropagation.qemuGuestAgent(['fedora']).users).toEqual(['fedora']);
    for (const users of [[], ['has space'], 'fedora' as unknown as string[]]) {
      const vm = new VirtualMachine(new Chart(new App({ outdir: Testing.app().outdir }), 'test'), 'vm', { metadata: { name: 'vm' }, memory: '1Gi' });
      expect(() => vm.addSshKeys({ publicKeys: [PUBLIC_KEY], propagation: SshKeyPropagation.qemuGuestAgent(users) })).toThrow(new Error(
        `[test/vm] addSshKeys: propagation: SshKeyPropagation.qemuGuestAgent: users ${JSON.stringify(users)} must be one or more guest user names, e.g. ["fedora"]`));
    }
  });
});

test('user data is rendered the same whether or not an equal document was rendered before', () => {
  const render = (userData: CloudConfig) => renderUserData({ userData }).text;
  const first = render({ user: 'mq', n: 0, list: [1, 'a'] });
  expect(render({ user: 'mq', n: 0, list: [1, 'a'] })).toBe(first);
  expect(render({ user: 'mq', n: -0, list: [1, 'a'] })).toBe('#cloud-config\nuser: mq\nn: -0\nlist:\n  - 1\n  - a\n');
  expect(render({ list: [1, 'a'], user: 'mq', n: 0 })).not.toBe(first);
  expect(render({ user: 'mq', when: new Date(0) } as CloudConfig)).toContain('when: 1970-01-01T00:00:00.000Z');
});
