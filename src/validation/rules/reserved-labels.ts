import { show } from '../../common/errors';
import { Rule, RuleSource } from '../rule';

// Labels KubeVirt sets on its instances itself; only its own service accounts may create them.
const RESERVED = [
  'kubevirt.io/created-by', 'kubevirt.io/migrationJobUID', 'kubevirt.io/nodeName',
  'kubevirt.io/migrationTargetNodeName', 'kubevirt.io/schedulable', 'kubevirt.io/install-strategy',
];

/** A VM's instance labels leave KubeVirt's reserved kubevirt.io/ labels to KubeVirt. */
export const reservedLabels: Rule = {
  id: 'reserved-labels',
  order: 1295,
  summary: 'the labels of a VMI (or of a VM\'s template) leave out the kubevirt.io/ labels KubeVirt sets itself (created-by, nodeName, schedulable, ...), as KubeVirt\'s VMI admission requires',
  // Upstream functions: ValidateVirtualMachineInstanceMetadata, restrictedVmiLabels.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder, objectPath } = listed[n];
      const metadata = vm.kind === 'VirtualMachine' ? vm.object.spec?.template?.metadata : vm.object.metadata;
      const labels = metadata?.labels;
      if (typeof labels !== 'object' || labels === null) continue;
      if (!RESERVED.some((key) => Object.prototype.hasOwnProperty.call(labels, key))) continue; // usually none: no key list made
      const at = `${objectPath}${vm.kind === 'VirtualMachine' ? 'spec.template.metadata.labels' : 'metadata.labels'}`;
      const reserved = Object.keys(labels).filter((key) => RESERVED.includes(key));
      if (reserved.length > 0) {
        context.error(index, at, `${holder} sets ${reserved.map((k) => show(k)).join(', ')} on its instance, ${reserved.length === 1 ? 'a label' : 'labels'} KubeVirt reserves for itself and refuses from users: remove ${reserved.length === 1 ? 'it' : 'them'} (to place the VM on a node, use nodeSelector or affinity)`);
      }
    }
  },
};
