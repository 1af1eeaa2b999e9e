import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { DataSourceReference, DataVolumeSource, DataVolumeSourceKind, IDataSource, RegistryPullMethod } from './data-volume-source';
import { DataVolumeSpecParts, DataVolumeStorageOptions, dataVolumeSpecParts, renderDataVolumeSpec } from './storage-options';
import * as cdi from '../../imports/cdi.kubevirt.io';
import { assertFactoryValue, assertPropsObject, constructError, notOneOf, show } from '../common/errors';
import { dnsSubdomainProblem } from '../common/names';
import { KubeResource } from '../core/kube-resource';
import { withdrawRefused } from '../network/refused-construct';
import { AppValidation } from '../validation/app-validation';

// Facts below are from CDI v1.66.0: pkg/apiserver/webhooks/dataimportcron-validate.go (the webhook),
// pkg/controller/dataimportcron-controller.go (the controller) and the v1beta1 API types.

/** What CDI does with the images a DataImportCron imported before the newest one. */
export enum DataImportCronGarbageCollect {
  /** Delete all but the newest `importsToKeep` imports (CDI's default). */
  OUTDATED = 'Outdated',
  /** Keep every import. */
  NEVER = 'Never',
}

/** What happens to the imported images and the DataSource when the DataImportCron is deleted. */
export enum DataImportCronRetentionPolicy {
  /** Keep them (CDI's default): VMs can still clone the last image. */
  ALL = 'All',
  /** Delete them with the DataImportCron. */
  NONE = 'None',
}

/**
 * Properties of a `DataImportCron`. The storage options describe each imported image (its
 * content type is always a disk image: CDI refuses `contentType` in a DataImportCron).
 */
export interface DataImportCronProps extends Omit<DataVolumeStorageOptions, 'contentType'> {
  /**
   * Name (at most 63 characters, as CDI's webhook requires), namespace, labels and annotations.
   * @default - a name generated from the construct path; the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * When to look for a new image, in cron format (`"0 3 * * 0"`, or `@daily`, `@every 12h`).
   * The pod-pulled registry URL default runs it in a Kubernetes CronJob, which refuses a
   * `TZ=`/`CRON_TZ=` prefix; node pulls and PVC sources are polled by CDI's controller, which takes one.
   */
  readonly schedule: string;
  /**
   * What to import: `DataVolumeSource.registry("docker://quay.io/containerdisks/fedora:41",
   * { pullMethod, secretRef, certConfigMap })` (polled for a new digest), or
   * `DataVolumeSource.pvc(name, namespace)` (a new PVC UID is a new image).
   */
  readonly source: DataVolumeSource;
  /**
   * Name of the DataSource CDI creates in this namespace and points at the newest import;
   * VMs clone it with `DataVolumeSource.dataSource(cron)`.
   */
  readonly managedDataSource: string;
  /**
   * Whether CDI deletes older imports once a new one is in.
   * @default DataImportCronGarbageCollect.OUTDATED (CDI's default)
   */
  readonly garbageCollect?: DataImportCronGarbageCollect;
  /**
   * How many imports garbage collection keeps.
   * @default 3 (CDI's default)
   */
  readonly importsToKeep?: number;
  /**
   * Whether the imports and the DataSource outlive the DataImportCron.
   * @default DataImportCronRetentionPolicy.ALL (CDI's default)
   */
  readonly retentionPolicy?: DataImportCronRetentionPolicy;
}

/**
 * A CDI DataImportCron (`cdi.kubevirt.io/v1beta1`): polls a registry image (or a PVC) on a
 * schedule, imports each new version into a PVC or snapshot in its namespace, points the
 * DataSource `managedDataSource` at the newest, and garbage-collects old imports. This is how
 * OpenShift keeps its RHEL, Fedora and Windows golden images current.
 *
 * CDI creates the managed DataSource itself (labelled with the cron's name) and leaves alone a
 * DataSource it did not create, so this construct writes none: clone from the construct
 * (`DataVolumeSource.dataSource(cron)`). A DataSource of the same name declared in the app, or
 * managed by another DataImportCron, is refused at synth.
 *
 * @see https://github.com/kubevirt/containerized-data-importer/blob/v1.66.0/doc/os-image-poll-and-update.md
 */
export class DataImportCron extends KubeResource implements IDataSource {
  /** @see kplus.Resource */
  public readonly resourceType = 'dataimportcrons';
  /** The DataSource CDI keeps pointing at the newest import: what disks clone. */
  public readonly dataSourceRef: DataSourceReference;
  /** Name of the managed DataSource. */
  public readonly managedDataSource: string;
  /** The cron schedule. */
  public readonly schedule: string;
  /** What is imported. */
  public readonly source: DataVolumeSource;

  protected readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: DataImportCronProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'DataImportCronProps', '{ schedule: "0 3 * * 0", source: DataVolumeSource.registry("docker://quay.io/containerdisks/fedora:41"), managedDataSource: "fedora", size: "30Gi" }');
      this.source = this.checkSource(props.source);
      const parts = this.checkStorage(props);
      this.schedule = this.checkSchedule(props.schedule);
      this.managedDataSource = this.checkManagedDataSource(props.managedDataSource);
      this.checkCollection(props);
      this.checkName(props.metadata);
      this.apiObject = new cdi.DataImportCron(this, 'Resource', {
        metadata: props.metadata,
        spec: Lazy.any({ produce: () => this.renderSpec(parts, props) }),
      });
      this.dataSourceRef = { name: this.managedDataSource, namespace: this.namespace };
      this.node.addValidation({ validate: () => this.conflicts() });
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }

  private renderSpec(parts: DataVolumeSpecParts, props: DataImportCronProps): cdi.DataImportCronSpec {
    const Requests = cdi.DataImportCronSpecTemplateSpecStorageResourcesRequests;
    return {
      schedule: this.schedule,
      managedDataSource: this.managedDataSource,
      garbageCollect: props.garbageCollect,
      importsToKeep: props.importsToKeep,
      retentionPolicy: props.retentionPolicy,
      template: { spec: renderDataVolumeSpec(parts, this.namespace, (q) => Requests.fromString(q)) as cdi.DataImportCronSpecTemplateSpec },
    };
  }

  /** The webhook takes a registry or a PVC source only ("Missing source"). */
  private checkSource(source: unknown): DataVolumeSource {
    assertFactoryValue(this, 'source', source);
    const kind = source instanceof DataVolumeSource ? source.kind : undefined;
    if (kind !== DataVolumeSourceKind.REGISTRY && kind !== DataVolumeSourceKind.PVC) {
      const what = kind === undefined ? show(source) : `DataVolumeSource.${kind}(...)`;
      throw constructError(this, `source ${what} is not a registry image or a PVC, the only sources CDI's DataImportCron webhook takes: give DataVolumeSource.registry("docker://quay.io/containerdisks/fedora:41") or DataVolumeSource.pvc(name, namespace); for a one-off import declare a DataVolume`);
    }
    return source as DataVolumeSource;
  }

  private checkStorage(props: DataImportCronProps): DataVolumeSpecParts {
    if ((props as DataVolumeStorageOptions).contentType !== undefined) {
      throw constructError(this, `contentType ${show((props as DataVolumeStorageOptions).contentType)} cannot be set on a DataImportCron: CDI's webhook refuses it in the template (it always imports a disk image); leave it out`);
    }
    if (this.source.needsNamespace && this.plannedNamespace(props.metadata) === undefined) {
      throw constructError(this, 'the pvc source has no namespace and neither has this DataImportCron: give the namespace to DataVolumeSource.pvc(name, namespace), or set metadata.namespace (or the chart\'s namespace)');
    }
    return dataVolumeSpecParts(this.source, props, (problem) => constructError(this, problem));
  }

  private checkSchedule(schedule: unknown): string {
    if (typeof schedule !== 'string' || schedule.trim() === '') {
      throw constructError(this, `schedule ${show(schedule)} must be a cron schedule, e.g. "0 3 * * 0" (Sundays 03:00) or "@daily": CDI's webhook lets an empty one through, but then never polls the source`);
    }
    const problem = cronScheduleProblem(schedule);
    if (problem) throw constructError(this, `schedule ${show(schedule)} ${problem}, and CDI's webhook refuses it: write five fields (minute hour day-of-month month day-of-week), e.g. "0 3 * * 0", or a descriptor such as "@daily" or "@every 12h"`);
    if (/^(CRON_)?TZ=/.test(schedule) && this.podPulledUrl()) {
      throw constructError(this, `schedule ${show(schedule)} has a time zone prefix, and CDI runs the poll of a pod-pulled registry URL in a Kubernetes CronJob, which refuses TZ and CRON_TZ in its schedule: write the schedule in the cluster's time zone (UTC as a rule) without the prefix, or pull with RegistryPullMethod.NODE (CDI's controller then polls and takes the prefix)`);
    }
    return schedule;
  }

  /** Whether the source is a registry URL pulled by CDI's importer pod (the source CDI polls with a CronJob). */
  private podPulledUrl(): boolean {
    if (this.source.kind !== DataVolumeSourceKind.REGISTRY) return false;
    const registry = this.source._toKube().registry as { pullMethod?: string };
    return registry.pullMethod !== RegistryPullMethod.NODE;
  }

  private checkManagedDataSource(name: unknown): string {
    if (typeof name !== 'string' || name === '') {
      throw constructError(this, `managedDataSource ${show(name)} must name the DataSource CDI keeps pointing at the newest import (CDI's webhook refuses an empty one), e.g. "fedora"`);
    }
    const problem = dnsSubdomainProblem(name) ?? (name.length > 63 ? `has ${name.length} characters, and CDI's webhook takes at most 63` : undefined);
    if (problem) throw constructError(this, `managedDataSource ${show(name)} ${problem}`);
    return name;
  }

  private checkCollection(props: DataImportCronProps): void {
    const { garbageCollect, importsToKeep, retentionPolicy } = props;
    if (garbageCollect !== undefined) {
      const problem = notOneOf(garbageCollect, DataImportCronGarbageCollect);
      if (problem) throw constructError(this, `garbageCollect ${show(garbageCollect)} ${problem}, the values CDI's webhook takes: use DataImportCronGarbageCollect.OUTDATED or NEVER`);
    }
    if (importsToKeep !== undefined) {
      if (!Number.isInteger(importsToKeep) || importsToKeep < 0 || importsToKeep > 2 ** 31 - 1) {
        throw constructError(this, `importsToKeep ${show(importsToKeep)} must be a whole number from 0 (CDI's webhook refuses a negative one), e.g. 3`);
      }
      if (garbageCollect === DataImportCronGarbageCollect.NEVER) {
        throw constructError(this, `importsToKeep ${importsToKeep} has no effect with garbageCollect Never: CDI counts the imports to keep only when it collects outdated ones; leave importsToKeep out, or use DataImportCronGarbageCollect.OUTDATED`);
      }
    }
    if (retentionPolicy !== undefined) {
      const problem = notOneOf(retentionPolicy, DataImportCronRetentionPolicy);
      if (problem) throw constructError(this, `retentionPolicy ${show(retentionPolicy)} ${problem}: use DataImportCronRetentionPolicy.ALL or NONE`);
    }
  }

  private checkName(metadata?: ApiObjectMetadata): void {
    this.assertMetadataName(metadata);
    const name = metadata?.name;
    if (name !== undefined && name.length > 63) {
      throw constructError(this, `metadata.name ${show(name)} has ${name.length} characters, and CDI's webhook takes at most 63 for a DataImportCron: shorten it, e.g. ${show(name.slice(0, 63).replace(/[-.]+$/, ''))}`);
    }
  }

  /**
   * A DataSource of the managed name declared in the app (CDI would leave it alone: it updates
   * only the DataSource labelled with this cron), or managed by another DataImportCron (CDI
   * lets the first cron have it and reports "already managed" for the other).
   */
  private conflicts(): string[] {
    const namespace = this.namespace;
    const problems: string[] = [];
    for (const object of AppValidation.of(this).render().objects as any[]) {
      if (object?.apiVersion !== 'cdi.kubevirt.io/v1beta1' || object.metadata?.namespace !== namespace) continue;
      if (object.kind === 'DataSource' && object.metadata?.name === this.managedDataSource) {
        problems.push(`managedDataSource ${show(this.managedDataSource)} is also declared as a DataSource in this app, and CDI never updates a DataSource it did not create for this DataImportCron, so VMs would never see a new import: remove the DataSource and clone from the DataImportCron (DataVolumeSource.dataSource(cron))`);
      } else if (object.kind === 'DataImportCron' && object.metadata?.name !== this.name && object.spec?.managedDataSource === this.managedDataSource) {
        problems.push(`managedDataSource ${show(this.managedDataSource)} is also managed by DataImportCron ${show(object.metadata?.name)}, and CDI lets only one DataImportCron manage a DataSource: give each DataImportCron its own managedDataSource`);
      }
    }
    return problems;
  }
}

/** A field of a standard cron schedule, with its bounds and names. */
interface CronField {
  readonly what: string;
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MONTHS = Object.fromEntries(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [m, i + 1]));
const DAYS = Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d, i) => [d, i]));
const CRON_FIELDS: readonly CronField[] = [
  { what: 'minute', min: 0, max: 59 },
  { what: 'hour', min: 0, max: 23 },
  { what: 'day of month', min: 1, max: 31 },
  { what: 'month', min: 1, max: 12, names: MONTHS },
  { what: 'day of week', min: 0, max: 6, names: DAYS },
];
const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
// Go's time.ParseDuration: "0", or numbers with units (1h30m, 1.5h, 90s).
const GO_DURATION = /^[-+]?(0|((\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;

/**
 * Why a schedule is refused by the parser CDI's webhook and controller use (robfig/cron v3
 * `ParseStandard`, vendored in CDI: an optional `TZ=`/`CRON_TZ=` zone, then five fields or a
 * descriptor), or undefined. Time zones are checked against the IANA names Node knows.
 */
export function cronScheduleProblem(schedule: string): string | undefined {
  let spec = schedule;
  if (/^(CRON_)?TZ=/.test(spec)) {
    const space = spec.indexOf(' ');
    if (space < 0) return 'has a time zone prefix but no schedule after it';
    const zone = spec.slice(spec.indexOf('=') + 1, space);
    if (!knownTimeZone(zone)) return `names the time zone ${show(zone)}, which is not an IANA time zone (e.g. "Europe/Paris")`;
    spec = spec.slice(space).trim();
  }
  if (spec.startsWith('@')) {
    if (DESCRIPTORS.has(spec)) return undefined;
    if (spec.startsWith('@every ') && GO_DURATION.test(spec.slice('@every '.length))) return undefined;
    return `has the unknown descriptor ${show(spec)} (known: ${[...DESCRIPTORS].join(', ')}, and @every <duration> such as "@every 12h")`;
  }
  const fields = spec.split(/\s+/).filter((field) => field !== '');
  if (fields.length !== CRON_FIELDS.length) return `has ${fields.length} fields, not 5`;
  for (const [i, field] of fields.entries()) {
    // Empty items between commas are skipped, as Go's strings.FieldsFunc skips them.
    for (const item of field.split(',').filter((part) => part !== '')) {
      const problem = cronRangeProblem(item, CRON_FIELDS[i]);
      if (problem) return `has the ${CRON_FIELDS[i].what} ${show(item)}, ${problem}`;
    }
  }
  return undefined;
}

/** Why one `start[-end][/step]` item of a cron field is refused, or undefined (the rules of robfig's getRange). */
function cronRangeProblem(item: string, field: CronField): string | undefined {
  const [range, ...steps] = item.split('/');
  const bounds = range.split('-');
  let start = field.min;
  let end = field.max;
  if (bounds[0] !== '*' && bounds[0] !== '?') {
    if (range.startsWith('-')) return 'where a number is negative';
    if (bounds.length > 2) return 'which has too many hyphens';
    const low = cronNumber(bounds[0], field.names);
    const high = bounds.length === 2 ? cronNumber(bounds[1], field.names) : low;
    if (typeof low === 'string') return low;
    if (typeof high === 'string') return high;
    start = low;
    end = high;
  }
  if (steps.length > 1) return 'which has too many slashes';
  if (steps.length === 1) {
    const step = cronNumber(steps[0]);
    if (typeof step === 'string') return step;
    if (step === 0) return 'whose step must be above 0';
    // "N/step" runs from N to the field's maximum.
    if (bounds.length === 1) end = field.max;
  }
  if (start < field.min || end > field.max) return `outside ${field.min}-${field.max}`;
  if (start > end) return `whose range starts after it ends (${start} > ${end})`;
  return undefined;
}

/** The number (or month/day name) a cron item gives, or why it is not one. */
function cronNumber(text: string, names?: Readonly<Record<string, number>>): number | string {
  const named = names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^[+-]?\d+$/.test(text)) return `where ${show(text)} is not a number${names ? ' or a name (jan-dec, sun-sat)' : ''}`;
  const value = Number(text);
  return value < 0 ? `where ${show(text)} is negative` : value;
}

/** Whether Go's time.LoadLocation would know the zone ("" and "UTC" are UTC, "Local" the controller's zone). */
function knownTimeZone(zone: string): boolean {
  if (zone === '' || zone === 'UTC' || zone === 'Local') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
