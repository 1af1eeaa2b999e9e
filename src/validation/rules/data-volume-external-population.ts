import { CDI_WEBHOOKS, DataVolumeSpecView, dataVolumeSpecs, isMap, isSet } from './data-volume/specs';
import { show } from '../../common/errors';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

/** Why one populator reference is refused, each with the field it is about. */
function referenceProblems(ref: Record<string, any>, field: 'dataSource' | 'dataSourceRef'): Array<{ field: string; problem: string }> {
  const problems: Array<{ field: string; problem: string }> = [];
  if (field === 'dataSourceRef' && isSet(ref.namespace)) {
    problems.push({ field: 'namespace', problem: `names namespace ${show(ref.namespace)}, which CDI refuses (a DataVolume is populated only from its own namespace): leave namespace out` });
  }
  if (!isSet(ref.name)) problems.push({ field: 'name', problem: 'has no name, which CDI refuses: name the populator object' });
  if (!isSet(ref.kind)) problems.push({ field: 'kind', problem: 'has no kind, which CDI refuses: give the populator object\'s kind, e.g. "VolumeImportSource"' });
  if (!isSet(ref.apiGroup) && ref.kind !== 'PersistentVolumeClaim') {
    problems.push({ field: 'apiGroup', problem: `has kind ${show(ref.kind ?? '')} but no apiGroup, which CDI refuses (only a PersistentVolumeClaim is in the core group): give the apiGroup, e.g. "cdi.kubevirt.io"` });
  }
  return problems;
}

function checkPopulation(view: DataVolumeSpecView, context: RuleContext): void {
  const { index, spec } = view;
  const found = view.target;
  if (!found) return;
  const { name, target } = found;
  const dataSource = isMap(target.dataSource) ? target.dataSource : undefined;
  const dataSourceRef = isMap(target.dataSourceRef) ? target.dataSourceRef : undefined;
  if (!dataSource && !dataSourceRef) return;
  if (isMap(spec.source) || isMap(spec.sourceRef)) {
    context.error(index, `${view.path}.source`, `${view.holder} is populated by ${name}.${dataSourceRef ? 'dataSourceRef' : 'dataSource'} and also has ${isMap(spec.source) ? 'source' : 'sourceRef'}, which CDI refuses (a populator fills the disk, so CDI has nothing to import): remove one of them`);
  }
  if (dataSource && dataSourceRef) {
    // CDI requires the two to "match", but compares a TypedLocalObjectReference with a
    // TypedObjectReference: values of two types never match, so even identical ones fail.
    context.error(index, `${view.path}.${name}.dataSourceRef`, `${view.holder} has both ${name}.dataSource and ${name}.dataSourceRef, which CDI refuses (its webhook finds the two never match, even when they name the same object): keep dataSourceRef alone`);
  }
  for (const [field, ref] of [['dataSource', dataSource], ['dataSourceRef', dataSourceRef]] as const) {
    if (!ref) continue;
    for (const issue of referenceProblems(ref, field)) {
      context.error(index, `${view.path}.${name}.${field}.${issue.field}`, `${name}.${field} of ${view.holder} ${issue.problem}`);
    }
  }
}

/** A DataVolume filled by a volume populator names it fully and has no source of its own. */
export const dataVolumeExternalPopulation: Rule = {
  id: 'data-volume-external-population',
  order: 1050,
  summary: 'a DataVolume populated through `dataSource`/`dataSourceRef` has no `source`/`sourceRef`, names the populator with kind, name and apiGroup (no namespace) in one of the two fields, as CDI\'s DataVolume webhook requires',
  // Upstream functions: validateExternalPopulation, validateDataSource, validateDataSourceRef.
  reference: `${CDI_WEBHOOKS}/datavolume-validate.go#L262-L428`,
  source: RuleSource.CDI,
  check(context) {
    const listed = dataVolumeSpecs(context);
    for (let n = 0; n < listed.length; n++) {
      const view = listed[n];
      checkPopulation(view, context);
    }
  },
};
