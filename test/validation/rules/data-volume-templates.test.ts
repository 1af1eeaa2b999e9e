import { issuesOf, vm } from './rule-fixtures';
import { dataVolumeTemplates } from '../../../src/validation/rules/data-volume-templates';

const template = (name: string, namespace?: string) => ({
  metadata: { name, namespace },
  spec: { source: { blank: {} }, storage: { resources: { requests: { storage: '10Gi' } } } },
});

describe('rule data-volume-templates', () => {
  test('fires on a template no volume uses', () => {
    expect(issuesOf(dataVolumeTemplates, [vm('web', (_s, o) => { o.spec.dataVolumeTemplates = [template('web-data')]; })])).toEqual([
      'error data-volume-templates VirtualMachine web spec.dataVolumeTemplates[0]: DataVolume template "web-data" of VirtualMachine "mq/web" is used by no volume, which KubeVirt refuses: add a volume with dataVolume: { name: "web-data" } (and its disk), or remove the template',
    ]);
  });

  test('fires on a template in another namespace', () => {
    expect(issuesOf(dataVolumeTemplates, [vm('web', (s, o) => {
      o.spec.dataVolumeTemplates = [template('web-data', 'storage')];
      s.volumes.push({ name: 'data', dataVolume: { name: 'web-data' } });
    })])).toEqual([
      'error data-volume-templates VirtualMachine web spec.dataVolumeTemplates[0].metadata.namespace: DataVolume template "web-data" of VirtualMachine "mq/web" is in namespace "storage", and KubeVirt creates it in the VM\'s namespace "mq", so it refuses the difference: leave the namespace out',
    ]);
  });

  test('stays quiet on templates used as a dataVolume and as a claim, in the VM\'s namespace', () => {
    expect(issuesOf(dataVolumeTemplates, [vm('web', (s, o) => {
      o.spec.dataVolumeTemplates = [template('web-data', 'mq'), template('web-logs')];
      s.volumes.push({ name: 'data', dataVolume: { name: 'web-data' } }, { name: 'logs', persistentVolumeClaim: { claimName: 'web-logs' } });
    })])).toEqual([]);
  });
});
