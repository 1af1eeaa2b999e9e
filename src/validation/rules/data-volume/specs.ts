// The DataVolume specs CDI's webhook judges: DataVolume objects, and the DataVolume templates of
// VMs and VM pools (KubeVirt creates a DataVolume from each, and CDI's webhook judges that).
import { show } from '../../../common/errors';
import { KubeObject, apiGroupOf, qualifiedName } from '../../../model/object-index';
import { RuleContext } from '../../rule-context';

/** Base of the upstream files the DataVolume rules follow. */
export const CDI_WEBHOOKS = 'https://github.com/kubevirt/containerized-data-importer/blob/v1.66.0/pkg/apiserver/webhooks';

/** One DataVolume spec among the objects. */
export interface DataVolumeSpecView {
  /** The position of the object that holds it. */
  readonly index: number;
  readonly spec: Record<string, any>;
  /** Field path of the spec in its object: `spec`, `spec.dataVolumeTemplates[0].spec`. */
  readonly path: string;
  /** How messages name it: `DataVolume "mq/disk"`, `DataVolume template "root" of VirtualMachine "mq/web"`. */
  readonly holder: string;
  /**
   * Whether KubeVirt creates it from a template: KubeVirt then fills an empty clone-source
   * namespace with the VM's and resolves a DataSource `sourceRef` into `source` before CDI sees it.
   */
  readonly fromTemplate: boolean;
}

export const isMap = (value: unknown): value is Record<string, any> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string field that is set to something non-empty. */
export const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

function templatesOf(vmSpec: unknown, path: string, owner: string, index: number): DataVolumeSpecView[] {
  if (!isMap(vmSpec) || !Array.isArray(vmSpec.dataVolumeTemplates)) return [];
  const views: DataVolumeSpecView[] = [];
  vmSpec.dataVolumeTemplates.forEach((template: unknown, position: number) => {
    if (!isMap(template) || !isMap(template.spec)) return; // the schema reports it
    views.push({
      index,
      spec: template.spec,
      path: `${path}.dataVolumeTemplates[${position}].spec`,
      holder: `DataVolume template ${show(template.metadata?.name)} of ${owner}`,
      fromTemplate: true,
    });
  });
  return views;
}

/** Every DataVolume spec among the objects, in object order (found once per validation, for all the DataVolume rules). */
export function dataVolumeSpecs(context: RuleContext): readonly DataVolumeSpecView[] {
  return context.shared(findDataVolumeSpecs);
}

function findDataVolumeSpecs(context: RuleContext): DataVolumeSpecView[] {
  const views: DataVolumeSpecView[] = [];
  // In object order: the DataVolumes, VMs and pools, merged by position.
  const holders = ['DataVolume', 'VirtualMachine', 'VirtualMachinePool'].flatMap((kind) => context.viewsOfKind(kind)).sort((a, b) => a.index - b.index);
  for (const { index, object } of holders) {
    const group = apiGroupOf(object.apiVersion);
    const owner = `${object.kind} ${show(qualifiedName(object.metadata?.namespace, object.metadata?.name))}`;
    if (group === 'cdi.kubevirt.io' && object.kind === 'DataVolume' && isMap(object.spec)) {
      views.push({ index, spec: object.spec, path: 'spec', holder: owner, fromTemplate: false });
    } else if (group === 'kubevirt.io' && object.kind === 'VirtualMachine') {
      views.push(...templatesOf(object.spec, 'spec', owner, index));
    } else if (group === 'pool.kubevirt.io' && object.kind === 'VirtualMachinePool') {
      views.push(...templatesOf((object as KubeObject).spec?.virtualMachineTemplate?.spec, 'spec.virtualMachineTemplate.spec', owner, index));
    }
  }
  return views;
}

/** The target definition (`pvc` or `storage`) when exactly one is given, with its field name. */
export function targetOf(spec: Record<string, any>): { name: 'pvc' | 'storage'; target: Record<string, any> } | undefined {
  const pvc = isMap(spec.pvc) ? spec.pvc : undefined;
  const storage = isMap(spec.storage) ? spec.storage : undefined;
  if (pvc && !storage) return { name: 'pvc', target: pvc };
  if (storage && !pvc) return { name: 'storage', target: storage };
  return undefined;
}

/** Whether the claim is filled by a populator (`dataSource`/`dataSourceRef`), not by CDI from a source. */
export function externallyPopulated(spec: Record<string, any>): boolean {
  const target = targetOf(spec)?.target;
  return target !== undefined && (isMap(target.dataSource) || isMap(target.dataSourceRef));
}
