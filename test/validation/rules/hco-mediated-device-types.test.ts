import { issuesOf } from './rule-fixtures';
import { hcoMediatedDeviceTypes } from '../../../src/validation/rules/hco-mediated-device-types';

const hco = (apiVersion: string, config: object): any => ({
  apiVersion, kind: 'HyperConverged', metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' }, spec: { mediatedDevicesConfiguration: config },
});
const HOLDER = 'HyperConverged "openshift-cnv/kubevirt-hyperconverged"';

describe('rule hco-mediated-device-types', () => {
  test('the deprecated list contradicts the current one, globally and per node selector', () => {
    expect(issuesOf(hcoMediatedDeviceTypes, [hco('hco.kubevirt.io/v1beta1', {
      mediatedDevicesTypes: ['nvidia-222'],
      mediatedDeviceTypes: ['nvidia-223'],
      nodeMediatedDeviceTypes: [{ nodeSelector: { gpu: 'a10' }, mediatedDevicesTypes: ['nvidia-1'], mediatedDeviceTypes: ['nvidia-1', 'nvidia-2'] }],
    })])).toEqual([
      `error hco-mediated-device-types HyperConverged kubevirt-hyperconverged spec.mediatedDevicesConfiguration.mediatedDevicesTypes: ${HOLDER}: mediatedDevicesTypes ["nvidia-222"] (deprecated) differs from mediatedDeviceTypes ["nvidia-223"]: the operator refuses the pair; keep only mediatedDeviceTypes`,
      `error hco-mediated-device-types HyperConverged kubevirt-hyperconverged spec.mediatedDevicesConfiguration.nodeMediatedDeviceTypes[0].mediatedDevicesTypes: ${HOLDER}: nodeMediatedDeviceTypes 0: mediatedDevicesTypes ["nvidia-1"] (deprecated) differs from mediatedDeviceTypes ["nvidia-1","nvidia-2"]: the operator refuses the pair; keep only mediatedDeviceTypes`,
    ]);
  });

  test('stays quiet on the near misses (equal lists, one list only)', () => {
    expect(issuesOf(hcoMediatedDeviceTypes, [
      hco('hco.kubevirt.io/v1beta1', { mediatedDevicesTypes: ['nvidia-222'], mediatedDeviceTypes: ['nvidia-222'] }),
      hco('hco.kubevirt.io/v1beta1', { mediatedDevicesTypes: ['nvidia-222'], nodeMediatedDeviceTypes: [{ nodeSelector: { gpu: 'a10' }, mediatedDeviceTypes: ['nvidia-1'] }] }),
    ])).toEqual([]);
  });
});
