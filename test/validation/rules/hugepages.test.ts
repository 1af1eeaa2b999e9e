import { issuesOf, vm } from './rule-fixtures';
import { hugepages } from '../../../src/validation/rules/hugepages';

const at = 'error hugepages VirtualMachine web spec.template.spec.domain';
const withMemory = (memory: object, resources?: object) => [vm('web', (s) => { s.domain.memory = memory; s.domain.resources = resources; })];

describe('rule hugepages', () => {
  test('fires on guest memory that is no whole number of pages', () => {
    expect(issuesOf(hugepages, withMemory({ guest: '1500Mi', hugepages: { pageSize: '1Gi' } }))).toEqual([
      `${at}.memory.guest: VirtualMachine "mq/web" has memory.guest "1500Mi", not a whole number of hugepages of "1Gi", which KubeVirt refuses: round it to a multiple of "1Gi"`,
    ]);
  });

  test('fires on a memory request below one page (the request counts before guest)', () => {
    expect(issuesOf(hugepages, withMemory({ guest: '2Gi', hugepages: { pageSize: '1Gi' } }, { requests: { memory: '512Mi' } }))).toEqual([
      `${at}.resources.requests.memory: VirtualMachine "mq/web" has resources.requests.memory "512Mi", less than its hugepages pageSize "1Gi", which KubeVirt refuses: give at least one page of memory`,
    ]);
  });

  test('fires on a page size that is no quantity', () => {
    expect(issuesOf(hugepages, withMemory({ guest: '2Gi', hugepages: { pageSize: '2MB' } }))).toEqual([
      `${at}.memory.hugepages.pageSize: VirtualMachine "mq/web" has hugepages pageSize "2MB", which KubeVirt cannot read as a size: use the node's page size, e.g. "2Mi" or "1Gi"`,
    ]);
  });

  test('stays quiet on whole pages, and on an instance type that sets the memory', () => {
    expect(issuesOf(hugepages, [
      ...withMemory({ guest: '4Gi', hugepages: { pageSize: '2Mi' } }),
      vm('sized', (s, o) => { s.domain.memory = { hugepages: { pageSize: '1Gi' } }; o.spec.instancetype = { name: 'u1.large' }; }),
    ])).toEqual([]);
  });
});
