import { issuesOf, vm } from './rule-fixtures';
import { resourceRequests } from '../../../src/validation/rules/resource-requests';

const at = 'error resource-requests VirtualMachine web spec.template.spec.domain.resources';
const withResources = (resources: object) => [vm('web', (s) => { s.domain.resources = resources; })];

describe('rule resource-requests', () => {
  test('fires on a memory request above its limit', () => {
    expect(issuesOf(resourceRequests, withResources({ requests: { memory: '4Gi' }, limits: { memory: '2Gi' } }))).toEqual([
      `${at}.requests.memory: VirtualMachine "mq/web" requests memory "4Gi", more than its limit "2Gi", which KubeVirt refuses: lower the request, or raise the limit`,
    ]);
  });

  test('fires on a CPU request above its limit', () => {
    expect(issuesOf(resourceRequests, withResources({ requests: { cpu: '2' }, limits: { cpu: '1500m' } }))).toEqual([
      `${at}.requests.cpu: VirtualMachine "mq/web" requests cpu "2", more than its limit "1500m", which KubeVirt refuses: lower the request, or raise the limit`,
    ]);
  });

  test('fires on a memory request in bytes below 1M', () => {
    expect(issuesOf(resourceRequests, withResources({ requests: { memory: '512Ki' } }))).toEqual([
      `${at}.requests.memory: VirtualMachine "mq/web" has memory requests "512Ki", which KubeVirt refuses (below 1M): request at least 1M (a VM needs far more, e.g. "1Gi")`,
    ]);
  });

  test('fires on a negative CPU limit', () => {
    expect(issuesOf(resourceRequests, withResources({ limits: { cpu: '-1' } }))).toEqual([
      `${at}.limits.cpu: VirtualMachine "mq/web" has cpu limits "-1", which KubeVirt refuses (below 0): give a positive amount, or leave it out`,
    ]);
  });

  test('stays quiet on requests equal to or below their limits', () => {
    expect(issuesOf(resourceRequests, withResources({ requests: { memory: '2Gi', cpu: '500m' }, limits: { memory: '2048Mi', cpu: '1' } }))).toEqual([]);
  });
});
