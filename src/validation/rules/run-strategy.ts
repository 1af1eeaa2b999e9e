import { show } from '../../common/errors';
import { Rule, RuleSource } from '../rule';
import { IssueSeverity } from '../validation-report';

// WaitAsReceiver is left out of judgement: it needs the alpha DecentralizedLiveMigration gate, which a manifest cannot show.
const RUN_STRATEGIES = ['Always', 'Halted', 'Manual', 'RerunOnFailure', 'Once', 'WaitAsReceiver'];

/** A VirtualMachine says whether it runs one way: `runStrategy` (a known one), not also the deprecated `running`. */
export const runStrategy: Rule = {
  id: 'run-strategy',
  order: 1265,
  summary: 'a VirtualMachine has a known `runStrategy` or the deprecated `running` (warned), never both and never neither, as KubeVirt\'s VM admission requires',
  // Upstream function: validateRunStrategy (and the deprecation warning of Admit).
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/vms-admitter.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder, objectPath } = listed[n];
      if (vm.kind !== 'VirtualMachine') continue;
      const spec = vm.object.spec ?? {};
      const hasRunning = spec.running !== undefined && spec.running !== null;
      const hasStrategy = spec.runStrategy !== undefined && spec.runStrategy !== null;
      if (hasRunning && hasStrategy) {
        context.error(index, `${objectPath}spec.running`, `${holder} sets both running and runStrategy, which KubeVirt refuses: remove running (deprecated; runStrategy ${show(spec.runStrategy)} says it all)`);
      } else if (!hasRunning && !hasStrategy) {
        context.error(index, `${objectPath}spec.runStrategy`, `${holder} has no runStrategy, which KubeVirt requires: set runStrategy (e.g. "Always" to keep it running, "Halted" to keep it stopped)`);
      } else if (hasRunning) {
        const replacement = spec.running === true ? 'Always' : 'Halted';
        context.report(IssueSeverity.WARNING, index, `${objectPath}spec.running`, `${holder} uses running, which KubeVirt accepts with a deprecation warning: use runStrategy ${show(replacement)} instead`);
      }
      if (hasStrategy && !RUN_STRATEGIES.includes(spec.runStrategy)) {
        context.error(index, `${objectPath}spec.runStrategy`, `${holder} has runStrategy ${show(spec.runStrategy)}, which KubeVirt does not know: use one of ${RUN_STRATEGIES.slice(0, 5).map((s) => show(s)).join(', ')}`);
      }
    }
  },
};
