import { show } from '../../common/errors';
import { dnsSubdomainProblem } from '../../common/names';
import { listOf } from '../../common/objects';
import { Rule, RuleSource } from '../rule';

const EVICTION_STRATEGIES = ['LiveMigrate', 'LiveMigrateIfPossible', 'None', 'External'];

/** A VM's eviction strategy is a known one, and its service account name is valid and matches its serviceAccount volume. */
export const evictionAndServiceAccount: Rule = {
  id: 'eviction-and-service-account',
  order: 1285,
  summary: 'a VM\'s evictionStrategy is LiveMigrate, LiveMigrateIfPossible, None or External, and its serviceAccountName is a DNS-1123 subdomain naming the same account as its serviceAccount volume, as KubeVirt\'s VMI admission requires',
  // Upstream functions: validateLiveMigration (isValidEvictionStrategy), validateServiceAccountName.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      const strategy = vm.spec.evictionStrategy;
      if (typeof strategy === 'string' && !EVICTION_STRATEGIES.includes(strategy)) {
        context.error(index, `${vm.specPath}.evictionStrategy`, `${holder} has evictionStrategy ${show(strategy)}, which KubeVirt does not know: use one of ${EVICTION_STRATEGIES.map((s) => show(s)).join(', ')}, or leave it out for the cluster's default`);
      }
      const account = vm.spec.serviceAccountName;
      if (typeof account !== 'string' || account === '') continue;
      const problem = dnsSubdomainProblem(account);
      if (problem) context.error(index, `${vm.specPath}.serviceAccountName`, `${holder} has serviceAccountName ${show(account)}, which ${problem}; KubeVirt refuses it`);
      const volumes: any[] = listOf(vm.spec.volumes);
      const other = volumes.find((v) => typeof v?.serviceAccount === 'object' && v.serviceAccount !== null && v.serviceAccount.serviceAccountName !== account);
      if (other) {
        context.error(index, `${vm.specPath}.serviceAccountName`, `${holder} has serviceAccountName ${show(account)} and a serviceAccount volume ${show(other.name)} of account ${show(other.serviceAccount.serviceAccountName)}, which KubeVirt refuses: name the same service account in both`);
      }
    }
  },
};
