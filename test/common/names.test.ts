import * as fc from 'fast-check';
import { assertObjectName, dnsLabelProblem, dnsSubdomainProblem, suggestDnsLabel } from '../../src/common/names';

describe('DNS-1123 names', () => {
  test.each(['a', 'vm-1', '0abc', 'a'.repeat(63)])('%j is a label', (name) => {
    expect(dnsLabelProblem(name)).toBeUndefined();
  });

  test.each(['', 'A', '-a', 'a-', 'a_b', 'a.b', 'a'.repeat(64)])('%j is not a label', (name) => {
    expect(dnsLabelProblem(name)).toMatch(/^is not a valid DNS-1123 label: /);
  });

  test.each(['a.b', 'vm.example.com', 'a'.repeat(253)])('%j is a subdomain', (name) => {
    expect(dnsSubdomainProblem(name)).toBeUndefined();
  });

  test.each(['a..b', '.a', 'UPPER', 'a'.repeat(254)])('%j is not a subdomain', (name) => {
    expect(dnsSubdomainProblem(name)).toMatch(/^is not a valid DNS-1123 subdomain: /);
  });

  test('property: every suggestion is itself a valid label', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (input) => {
      expect(dnsLabelProblem(suggestDnsLabel(input))).toBeUndefined();
    }));
  });

  test('suggestions keep what can be kept', () => {
    expect(suggestDnsLabel('My_VM 01')).toBe('my-vm-01');
    expect(suggestDnsLabel('---')).toBe('name');
  });

  test('assertObjectName throws with the context, the value and the fix', () => {
    expect(() => assertObjectName('X.y', 'claim name', 'Data_1')).toThrow(new Error(
      'X.y: claim name "Data_1" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "data-1")'));
  });
});
