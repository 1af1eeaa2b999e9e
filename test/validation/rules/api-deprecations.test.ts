import { issuesOf, vm } from './rule-fixtures';
import { apiDeprecations } from '../../../src/validation/rules/api-deprecations';
import { KubeVirtRelease } from '../../../src/validation/validation-target';

/** A bare object of a kind: the rule reads apiVersion and kind only. */
function object(apiVersion: string, kind: string, name = 'x'): any {
  return { apiVersion, kind, metadata: { name, namespace: 'mq' }, spec: {} };
}

function issues(objects: unknown[], kubevirt?: KubeVirtRelease): string[] {
  return issuesOf(apiDeprecations, objects, kubevirt === undefined ? {} : { target: { kubevirt } });
}

describe('rule api-deprecations', () => {
  test('stays quiet on the current versions of every target, and on kinds of other groups', () => {
    const current = [
      vm('web'), object('cdi.kubevirt.io/v1beta1', 'DataVolume'), object('instancetype.kubevirt.io/v1beta1', 'VirtualMachineInstancetype'),
      object('pool.kubevirt.io/v1alpha1', 'VirtualMachinePool'), object('pool.kubevirt.io/v1beta1', 'VirtualMachinePool'),
      object('hco.kubevirt.io/v1beta1', 'HyperConverged'), object('v1', 'Secret'), object('example.com/v1', 'Widget'),
    ];
    for (const release of [undefined, '1.9', '1.8', '1.7'] as const) expect(issues(current, release)).toEqual([]);
    expect(issues([object('export.kubevirt.io/v1', 'VirtualMachineExport'), object('hco.kubevirt.io/v1', 'HyperConverged')], '1.9')).toEqual([]);
    expect(issues([object('export.kubevirt.io/v1beta1', 'VirtualMachineExport'), object('hco.kubevirt.io/v1', 'HyperConverged')], '1.8')).toEqual([]);
  });

  test('instancetype v1alpha1 and v1alpha2, served by no target, are errors naming v1beta1', () => {
    expect(issues([object('instancetype.kubevirt.io/v1alpha2', 'VirtualMachineInstancetype'), object('instancetype.kubevirt.io/v1alpha1', 'VirtualMachineClusterPreference', 'y')])).toEqual([
      'error api-deprecations VirtualMachineInstancetype x apiVersion: apiVersion "instancetype.kubevirt.io/v1alpha2" of VirtualMachineInstancetype is not served by KubeVirt 1.9: use "instancetype.kubevirt.io/v1beta1"',
      'error api-deprecations VirtualMachineClusterPreference y apiVersion: apiVersion "instancetype.kubevirt.io/v1alpha1" of VirtualMachineClusterPreference is not served by KubeVirt 1.9: use "instancetype.kubevirt.io/v1beta1"',
    ]);
  });

  test('kubevirt.io/v1alpha3 is a warning naming kubevirt.io/v1 under every target', () => {
    for (const release of ['1.9', '1.8', '1.7'] as const) {
      expect(issues([{ ...vm('web'), apiVersion: 'kubevirt.io/v1alpha3' }], release)).toEqual([
        `warning api-deprecations VirtualMachine web apiVersion: apiVersion "kubevirt.io/v1alpha3" of VirtualMachine is deprecated in KubeVirt ${release}, which serves it with a deprecation warning and will remove it: use "kubevirt.io/v1"`,
      ]);
    }
  });

  test('export.kubevirt.io: v1beta1 deprecated in 1.9; v1 not served before 1.9; v1alpha1 served before 1.9 only', () => {
    const v1beta1 = object('export.kubevirt.io/v1beta1', 'VirtualMachineExport');
    const v1 = object('export.kubevirt.io/v1', 'VirtualMachineExport');
    const v1alpha1 = object('export.kubevirt.io/v1alpha1', 'VirtualMachineExport');
    expect(issues([v1beta1, v1alpha1])).toEqual([
      'error api-deprecations VirtualMachineExport x apiVersion: apiVersion "export.kubevirt.io/v1alpha1" of VirtualMachineExport is not served by KubeVirt 1.9 (served by 1.7 and 1.8): use "export.kubevirt.io/v1", or target KubeVirt 1.8',
      'warning api-deprecations VirtualMachineExport x apiVersion: apiVersion "export.kubevirt.io/v1beta1" of VirtualMachineExport is deprecated in KubeVirt 1.9, which serves it with a deprecation warning and will remove it: use "export.kubevirt.io/v1"',
    ]);
    expect(issues([v1], '1.8')).toEqual([
      'error api-deprecations VirtualMachineExport x apiVersion: apiVersion "export.kubevirt.io/v1" of VirtualMachineExport is not served by KubeVirt 1.8 (served by 1.9): use "export.kubevirt.io/v1beta1", or target KubeVirt 1.9',
    ]);
    expect(issues([v1alpha1], '1.7')).toEqual([]);
  });

  test('HyperConverged v1 is not served by HCO v1.17.3, the operator of KubeVirt 1.7\'s release set', () => {
    expect(issues([object('hco.kubevirt.io/v1', 'HyperConverged', 'kubevirt-hyperconverged')], '1.7')).toEqual([
      'error api-deprecations HyperConverged kubevirt-hyperconverged apiVersion: apiVersion "hco.kubevirt.io/v1" of HyperConverged is not served by the HyperConverged operator v1.17.3 of KubeVirt 1.7\'s release set (served with 1.8 and 1.9): use "hco.kubevirt.io/v1beta1", or target KubeVirt 1.8',
    ]);
  });

  test('a kind the target does not serve at all is an error naming the release that does', () => {
    expect(issues([object('plugin.kubevirt.io/v1alpha1', 'Plugin')], '1.8')).toEqual([
      'error api-deprecations Plugin x kind: Plugin (plugin.kubevirt.io/v1alpha1) is not served by KubeVirt 1.8 (served by 1.9): target KubeVirt 1.9, or leave the object out',
    ]);
    expect(issues([object('backup.kubevirt.io/v1alpha1', 'VirtualMachineBackup')], '1.7')).toEqual([
      'error api-deprecations VirtualMachineBackup x kind: VirtualMachineBackup (backup.kubevirt.io/v1alpha1) is not served by KubeVirt 1.7 (served by 1.8 and 1.9): target KubeVirt 1.8, or leave the object out',
    ]);
  });

  test('a preset, deprecated in every version, is a warning naming instance types and preferences', () => {
    expect(issues([object('kubevirt.io/v1', 'VirtualMachineInstancePreset')])).toEqual([
      'warning api-deprecations VirtualMachineInstancePreset x apiVersion: VirtualMachineInstancePreset (every version it serves, here "kubevirt.io/v1") is deprecated in KubeVirt 1.9, which serves it with a deprecation warning and will remove it: use a VirtualMachineInstancetype or VirtualMachinePreference (instancetype.kubevirt.io/v1beta1)',
    ]);
  });
});
