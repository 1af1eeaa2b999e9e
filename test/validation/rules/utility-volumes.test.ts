import { issuesOf, vm } from './rule-fixtures';
import { utilityVolumes } from '../../../src/validation/rules/utility-volumes';

describe('rule utility-volumes', () => {
  test('fires on utilityVolumes in a VM template, even an empty list', () => {
    const bad = vm('web', (s) => { s.utilityVolumes = []; });
    expect(issuesOf(utilityVolumes, [bad])).toEqual([
      'error utility-volumes VirtualMachine web spec.template.spec.utilityVolumes: VirtualMachine "mq/web" has utilityVolumes, which KubeVirt refuses when it creates an instance (utility volumes, such as a backup\'s, are hotplugged into a running VMI only): remove utilityVolumes; use volumes for disks the VM starts with',
    ]);
  });

  test('stays quiet without utilityVolumes', () => {
    expect(issuesOf(utilityVolumes, [vm('web')])).toEqual([]);
  });
});
