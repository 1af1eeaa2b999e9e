import { show } from '../../common/errors';
import { apiGroupOf, qualifiedName } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';

/** A VirtualMachineSnapshot's source is a VirtualMachine, named with apiGroup kubevirt.io. */
export const virtualMachineSnapshots: Rule = {
  id: 'virtual-machine-snapshots',
  order: 9090,
  summary: 'a VirtualMachineSnapshot\'s source has apiGroup `kubevirt.io` and kind `VirtualMachine`, as KubeVirt\'s snapshot admission requires',
  // Upstream: VMSnapshotAdmitter.Admit, its create branch (the Snapshot gate is beta, on by default).
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/storage/admitters/vmsnapshot.go#L76-L110',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.viewsOfKind('VirtualMachineSnapshot');
    for (let n = 0; n < listed.length; n++) {
      const { index, object } = listed[n];
      if (apiGroupOf(object.apiVersion) !== 'snapshot.kubevirt.io') continue;
      const source = object.spec?.source;
      if (typeof source !== 'object' || source === null) continue; // the schema requires it
      const holder = `VirtualMachineSnapshot ${show(qualifiedName(object.metadata?.namespace, object.metadata?.name))}`;
      const fix = `set source to { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: ${show(source.name ?? '<vm>')} }`;
      if (source.apiGroup === undefined || source.apiGroup === null) {
        context.error(index, 'spec.source.apiGroup', `${holder} has a source without apiGroup, which KubeVirt refuses (it snapshots VirtualMachines of kubevirt.io only): ${fix}`);
      } else if (source.apiGroup !== 'kubevirt.io') {
        context.error(index, 'spec.source.apiGroup', `${holder} has source apiGroup ${show(source.apiGroup)}, which KubeVirt refuses (it snapshots VirtualMachines of kubevirt.io only): ${fix}`);
      } else if (source.kind !== 'VirtualMachine') {
        context.error(index, 'spec.source.kind', `${holder} has source kind ${show(source.kind)}, which KubeVirt refuses (it snapshots VirtualMachines only): ${fix}`);
      }
    }
  },
};
