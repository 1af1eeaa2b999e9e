import { show } from '../../common/errors';
import { apiGroupOf, qualifiedName } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';

/** Whether a Kubernetes quantity (number or string such as "-1Mi") is below zero. */
function isNegativeQuantity(value: unknown): boolean {
  if (typeof value === 'number') return value < 0;
  if (typeof value !== 'string') return false;
  // "-0" and "-0.0Mi" are zero; any other digit before the suffix makes it negative.
  const mantissa = /^-(\d*\.?\d*)/.exec(value.trim());
  return mantissa !== null && /[1-9]/.test(mantissa[1]);
}

/** A MigrationPolicy's timeout and bandwidth are not negative. */
export const migrationPolicies: Rule = {
  id: 'migration-policies',
  order: 1360,
  summary: 'a MigrationPolicy\'s `completionTimeoutPerGiB` and `bandwidthPerMigration` are not negative, as KubeVirt\'s migration policy admission requires',
  // Upstream: MigrationPolicyAdmitter.Admit.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/migrationpolicy-admitter.go#L54-L167',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.viewsOfKind('MigrationPolicy');
    for (let n = 0; n < listed.length; n++) {
      const { index, object } = listed[n];
      if (object.kind !== 'MigrationPolicy' || apiGroupOf(object.apiVersion) !== 'migrations.kubevirt.io') continue;
      const spec = typeof object.spec === 'object' && object.spec !== null ? object.spec : {};
      const holder = `MigrationPolicy ${show(qualifiedName(object.metadata?.namespace, object.metadata?.name))}`;
      const timeout = spec.completionTimeoutPerGiB;
      if (typeof timeout === 'number' && timeout < 0) {
        context.error(index, 'spec.completionTimeoutPerGiB', `completionTimeoutPerGiB of ${holder} is ${timeout}, and KubeVirt refuses a negative timeout: set the seconds a migration may take per GiB of memory (e.g. 150), or leave it out for the cluster default`);
      }
      if (isNegativeQuantity(spec.bandwidthPerMigration)) {
        context.error(index, 'spec.bandwidthPerMigration', `bandwidthPerMigration of ${holder} is ${show(spec.bandwidthPerMigration)}, and KubeVirt refuses a negative bandwidth: set a quantity such as "64Mi", "0" for unlimited, or leave it out`);
      }
    }
  },
};
