// The DataVolume specs CDI's webhook judges: DataVolume objects, and the DataVolume templates of
// VMs and VM pools (KubeVirt creates a DataVolume from each, and CDI's webhook judges that).
import { show } from '../../../common/errors';
import { KubeObject, qualifiedName } from '../../../model/object-index';
import { RuleContext } from '../../rule-context';

/** Base of the upstream files the DataVolume rules follow. */
export const CDI_WEBHOOKS = 'https://github.com/kubevirt/containerized-data-importer/blob/v1.66.0/pkg/apiserver/webhooks';

/**
 * One DataVolume spec among the objects. Its `path` and `holder` are built when a rule first
 * reads them, for an issue: a fleet has tens of thousands of specs and few issues.
 */
export class DataVolumeSpecView {
  private builtPath?: string;
  private builtHolder?: string;
  private foundTarget?: ReturnType<typeof targetOf> | null;

  /**
   * @param index the position of the object that holds it
   * @param spec the spec
   * @param owner the object that holds it
   * @param template where it is a template: the template, its position and the field path of the
   *   templates' owner spec (`spec`, `spec.virtualMachineTemplate.spec`); KubeVirt then fills an empty
   *   clone-source namespace with the VM's and resolves a DataSource `sourceRef` into `source` before CDI sees it
   */
  public constructor(
    public readonly index: number,
    public readonly spec: Record<string, any>,
    private readonly owner: KubeObject,
    private readonly template?: { readonly object: KubeObject; readonly position: number; readonly path: string },
  ) {}

  /** Whether KubeVirt creates it from a template (see the constructor). */
  public get fromTemplate(): boolean {
    return this.template !== undefined;
  }

  /** `targetOf(spec)`, found once for the several rules that read it. */
  public get target(): ReturnType<typeof targetOf> {
    if (this.foundTarget === undefined) this.foundTarget = targetOf(this.spec) ?? null;
    return this.foundTarget ?? undefined;
  }

  /** Field path of the spec in its object: `spec`, `spec.dataVolumeTemplates[0].spec`. */
  public get path(): string {
    this.builtPath ??= this.template === undefined ? 'spec' : `${this.template.path}.dataVolumeTemplates[${this.template.position}].spec`;
    return this.builtPath;
  }

  /** How messages name it: `DataVolume "mq/disk"`, `DataVolume template "root" of VirtualMachine "mq/web"`. */
  public get holder(): string {
    if (this.builtHolder === undefined) {
      const owner = `${this.owner.kind} ${show(qualifiedName(this.owner.metadata?.namespace, this.owner.metadata?.name))}`;
      this.builtHolder = this.template === undefined ? owner : `DataVolume template ${show(this.template.object.metadata?.name)} of ${owner}`;
    }
    return this.builtHolder;
  }
}

export const isMap = (value: unknown): value is Record<string, any> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string field that is set to something non-empty. */
export const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

function addTemplates(views: DataVolumeSpecView[], owner: KubeObject, vmSpec: unknown, path: string, index: number): void {
  if (!isMap(vmSpec) || !Array.isArray(vmSpec.dataVolumeTemplates)) return;
  vmSpec.dataVolumeTemplates.forEach((template: unknown, position: number) => {
    if (!isMap(template) || !isMap(template.spec)) return; // the schema reports it
    views.push(new DataVolumeSpecView(index, template.spec, owner, { object: template, position, path }));
  });
}

/** Every DataVolume spec among the objects, in object order (found once per validation, for all the DataVolume rules). */
export function dataVolumeSpecs(context: RuleContext): readonly DataVolumeSpecView[] {
  return context.shared(findDataVolumeSpecs);
}

function findDataVolumeSpecs(context: RuleContext): DataVolumeSpecView[] {
  const views: DataVolumeSpecView[] = [];
  // One pass in object order over the views (they lie together; the objects do not).
  const listed = context.views;
  for (let n = 0; n < listed.length; n++) {
    const { index, object, kind, group } = listed[n];
    if (group === 'cdi.kubevirt.io' && kind === 'DataVolume') {
      if (isMap(object.spec)) views.push(new DataVolumeSpecView(index, object.spec, object));
    } else if (group === 'kubevirt.io' && kind === 'VirtualMachine') {
      addTemplates(views, object, object.spec, 'spec', index);
    } else if (group === 'pool.kubevirt.io' && kind === 'VirtualMachinePool') {
      addTemplates(views, object, object.spec?.virtualMachineTemplate?.spec, 'spec.virtualMachineTemplate.spec', index);
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
export function externallyPopulated(view: DataVolumeSpecView): boolean {
  const target = view.target?.target;
  return target !== undefined && (isMap(target.dataSource) || isMap(target.dataSourceRef));
}
