import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { hcoHolder, isHyperConverged } from '../hyperconverged-views';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

/** Both spellings given, with different lists: the operator cannot tell which one is meant. */
function conflicting(holder: any): boolean {
  const deprecated = holder?.mediatedDevicesTypes;
  const current = holder?.mediatedDeviceTypes;
  if (!Array.isArray(deprecated) || !Array.isArray(current) || deprecated.length === 0 || current.length === 0) return false;
  return deprecated.length !== current.length || deprecated.some((type, i) => type !== current[i]);
}

function report(context: RuleContext, index: number, path: string, where: string, holder: any): void {
  context.error(index, `${path}.mediatedDevicesTypes`, `${where}: mediatedDevicesTypes ${show(holder.mediatedDevicesTypes)} (deprecated) differs from mediatedDeviceTypes ${show(holder.mediatedDeviceTypes)}: the operator refuses the pair; keep only mediatedDeviceTypes`);
}

/** The deprecated `mediatedDevicesTypes` of a v1beta1 HyperConverged does not contradict `mediatedDeviceTypes`. */
export const hcoMediatedDeviceTypes: Rule = {
  id: 'hco-mediated-device-types',
  order: 1180,
  summary: 'HyperConverged (v1beta1) `mediatedDevicesConfiguration`: the deprecated `mediatedDevicesTypes`, when given with `mediatedDeviceTypes`, lists the same types (also per node selector)',
  // Upstream: validateMediatedDeviceTypes (the v1beta1 create path; the v1 path does not call it).
  reference: 'https://github.com/kubevirt/hyperconverged-cluster-operator/blob/v1.18.1/pkg/webhooks/validator/v1beta1_validator.go#L443-L456',
  source: RuleSource.HCO,
  check(context) {
    const listed = context.viewsOfKind('HyperConverged');
    for (let n = 0; n < listed.length; n++) {
      const { index, object } = listed[n];
      if (!isHyperConverged(object) || object.apiVersion !== 'hco.kubevirt.io/v1beta1') continue;
      const config = (object as any).spec?.mediatedDevicesConfiguration;
      if (typeof config !== 'object' || config === null) continue;
      const holder = hcoHolder(object);
      const base = 'spec.mediatedDevicesConfiguration';
      if (conflicting(config)) report(context, index, base, holder, config);
      const perNode = listOf(config.nodeMediatedDeviceTypes);
      perNode.forEach((entry: any, position: number) => {
        if (conflicting(entry)) report(context, index, `${base}.nodeMediatedDeviceTypes[${position}]`, `${holder}: nodeMediatedDeviceTypes ${position}`, entry);
      });
    }
  },
};
