import { issuesOf } from './rule-fixtures';
import { hcoJsonPatchAnnotations } from '../../../src/validation/rules/hco-json-patch-annotations';

const hco = (annotations: Record<string, string>): any => ({
  apiVersion: 'hco.kubevirt.io/v1beta1', kind: 'HyperConverged', metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv', annotations }, spec: {},
});
const HOLDER = 'HyperConverged "openshift-cnv/kubevirt-hyperconverged"';
const PREFIX = 'error hco-json-patch-annotations HyperConverged kubevirt-hyperconverged';

describe('rule hco-json-patch-annotations', () => {
  test('a patch outside spec, a bad op, an object instead of a list, text that is not JSON', () => {
    expect(issuesOf(hcoJsonPatchAnnotations, [hco({
      'kubevirt.kubevirt.io/jsonpatch': '[{"op": "add", "path": "/metadata/labels/a", "value": "b"}]',
      'containerizeddataimporter.kubevirt.io/jsonpatch': '[{"op": "set", "path": "/spec/config/featureGates/-", "value": "x"}]',
      'networkaddonsconfigs.kubevirt.io/jsonpatch': '{"op": "remove", "path": "/spec/ovs"}',
      'ssp.kubevirt.io/jsonpatch': '[{op: remove}]',
    })])).toEqual([
      `${PREFIX} metadata.annotations["kubevirt.kubevirt.io/jsonpatch"]: ${HOLDER}: JSON patch for the KubeVirt CR: operation 0 has path "/metadata/labels/a", outside "/spec/": the operator patches only spec fields; point it under "/spec/"; the operator refuses the HyperConverged otherwise`,
      `${PREFIX} metadata.annotations["containerizeddataimporter.kubevirt.io/jsonpatch"]: ${HOLDER}: JSON patch for the CDI CR: operation 0 has op "set", not one of "add", "remove", "replace", "move", "copy", "test": use one of those; the operator refuses the HyperConverged otherwise`,
      `${PREFIX} metadata.annotations["networkaddonsconfigs.kubevirt.io/jsonpatch"]: ${HOLDER}: JSON patch for the NetworkAddonsConfig CR: "{\\"op\\": \\"remove\\", \\"path\\": \\"/spec/ovs\\"}" is not a JSON array: wrap the operations in [ ]; the operator refuses the HyperConverged otherwise`,
      `${PREFIX} metadata.annotations["ssp.kubevirt.io/jsonpatch"]: ${HOLDER}: JSON patch for the SSP CR: "[{op: remove}]" is not JSON: write a JSON array of RFC 6902 operations, e.g. [{"op": "add", "path": "/spec/...", "value": ...}]; the operator refuses the HyperConverged otherwise`,
    ]);
  });

  test('stays quiet on the near misses (the emulation patch, a remove, an empty list, other annotations)', () => {
    expect(issuesOf(hcoJsonPatchAnnotations, [hco({
      'kubevirt.kubevirt.io/jsonpatch': '[{"op":"add","path":"/spec/configuration/developerConfiguration/useEmulation","value":true}]',
      'containerizeddataimporter.kubevirt.io/jsonpatch': '[{"op": "remove", "path": "/spec/config/podResourceRequirements"}]',
      'ssp.kubevirt.io/jsonpatch': '[]',
      'example.com/jsonpatch': 'not a patch',
    })])).toEqual([]);
  });
});
