import { clearTextPasswords } from './cloud-init-secrets';
import {
  MULTUS_ANNOTATION, bareAddress, cloudInitSource, networkDataAddresses, networkDataOf, parseMultusAnnotation,
  splitNetworkName, staticIpamAddresses,
} from './network-addresses';
import { KubeObject, ObjectIndex, VmView, apiGroupOf, isKubeObject, qualifiedName, vmView } from '../model/object-index';
import { SchemaStore } from './schema-store';
import { ManifestIssue, validateManifests } from './validate-manifests';
import { dnsLabelProblem, dnsSubdomainProblem } from '../common/names';
import { LiveMigrationMode, LiveMigrationReport, liveMigrationModeOf } from '../model/live-migration';
import { analyzeLiveMigration } from '../live-migration/live-migration-readiness';

/** The checks `validateObjects` runs; each can be skipped. */
export enum ValidationRule {
  /** Every object against its kind's strict upstream schema. */
  SCHEMA = 'schema',
  /** Object names and namespaces are DNS-1123 names. */
  NAMES = 'names',
  /** Every disk of a VM has a volume, and every volume is used. */
  DISKS_AND_VOLUMES = 'disks-and-volumes',
  /** Every interface of a VM has a network, and every network an interface. */
  INTERFACES_AND_NETWORKS = 'interfaces-and-networks',
  /** Every Multus reference (VM networks, pod annotations) resolves to a NetworkAttachmentDefinition. */
  MULTUS_REFERENCES = 'multus-references',
  /** No static IP is used twice, and no network with fixed addresses serves two users. */
  STATIC_IPS = 'static-ips',
  /** VMs that must live-migrate (evictionStrategy LiveMigrate) can; LiveMigrateIfPossible warns. */
  LIVE_MIGRATION = 'live-migration',
  /** No clear-text password in cloud-init user data written into a manifest. */
  CLOUD_INIT_PASSWORDS = 'cloud-init-passwords',
}

/** How bad an issue is: errors fail synth and the CLI, warnings are reported. */
export enum IssueSeverity {
  ERROR = 'error',
  WARNING = 'warning',
}

/** One finding of `validateObjects`. */
export interface ValidationIssue extends ManifestIssue {
  readonly severity: IssueSeverity;
  readonly rule: ValidationRule;
}

/** Options of `validateObjects`. */
export interface ValidateObjectsOptions {
  /**
   * Rules not to run.
   * @default - all rules run
   */
  readonly skipRules?: ValidationRule[];
  /**
   * How an object of a kind with no vendored schema is reported.
   * @default IssueSeverity.WARNING (it is not checked, and says so)
   */
  readonly unknownKinds?: IssueSeverity;
  /**
   * Multus networks that exist outside the objects (`namespace/name`).
   * @default - none
   */
  readonly knownNetworks?: string[];
  /**
   * Access modes of claims that exist outside the objects, by `namespace/name`.
   * @default - none
   */
  readonly knownClaims?: Record<string, string[]>;
  /**
   * The schemas.
   * @default - the upstream schemas shipped with this package
   */
  readonly store?: SchemaStore;
}

/** The outcome of `validateObjects`. */
export interface ValidationReport {
  /** True when there is no error (warnings allowed). */
  readonly valid: boolean;
  readonly errors: ValidationIssue[];
  readonly warnings: ValidationIssue[];
  /** The live-migration report of every VM that asks to live-migrate. */
  readonly migration: LiveMigrationReport[];
}

const WORKLOAD_TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

/** Where a workload keeps its pod template's metadata, and that metadata. */
function podMetadataOf(object: KubeObject): { path: string; metadata: KubeObject | undefined } | undefined {
  const group = apiGroupOf(object.apiVersion);
  if (object.kind === 'Pod' && group === '') return { path: 'metadata', metadata: object.metadata };
  if (WORKLOAD_TEMPLATE_KINDS.has(object.kind) && (group === 'apps' || group === 'batch')) {
    return { path: 'spec.template.metadata', metadata: object.spec?.template?.metadata };
  }
  if (object.kind === 'CronJob' && group === 'batch') {
    return { path: 'spec.jobTemplate.spec.template.metadata', metadata: object.spec?.jobTemplate?.spec?.template?.metadata };
  }
  return undefined;
}

/** A use of an address or of a network with fixed addresses, for the duplicate check. */
interface AddressUse {
  readonly index: number;
  readonly path: string;
  readonly holder: string;
}

/** Runs the rules over the objects once, collecting issues. */
class Validator {
  public readonly errors: ValidationIssue[] = [];
  public readonly warnings: ValidationIssue[] = [];
  public readonly migration: LiveMigrationReport[] = [];
  private readonly index: ObjectIndex;
  private readonly skip: Set<ValidationRule>;
  private readonly knownNetworks: Set<string>;
  private readonly knownClaims: Map<string, string[]>;
  /** NetworkAttachmentDefinitions and OpenShift additional networks, by `ns/name`, with their fixed addresses. */
  private readonly networks = new Map<string, { fixed: string[]; holder: string; form: string }>();
  private readonly addressUses = new Map<string, AddressUse>();
  private readonly fixedNetworkUses = new Map<string, AddressUse>();

  public constructor(private readonly objects: readonly unknown[], private readonly options: ValidateObjectsOptions) {
    this.index = new ObjectIndex(objects);
    this.skip = new Set(options.skipRules ?? []);
    this.knownNetworks = new Set(options.knownNetworks ?? []);
    this.knownClaims = new Map(Object.entries(options.knownClaims ?? {}));
  }

  public run(): void {
    if (!this.skip.has(ValidationRule.SCHEMA)) this.schemas();
    if (!this.skip.has(ValidationRule.NAMES)) this.duplicates();
    this.collectNetworks();
    this.objects.forEach((object, i) => {
      if (!isKubeObject(object)) return;
      if (!this.skip.has(ValidationRule.NAMES)) this.names(object, i);
      const vm = vmView(object);
      if (vm) this.virtualMachine(vm, i);
      const pod = podMetadataOf(object);
      if (pod) this.podNetworks(object, i, pod.path, pod.metadata);
    });
  }

  private report(severity: IssueSeverity, rule: ValidationRule, index: number, path: string, message: string): void {
    const object = this.objects[index] as KubeObject;
    const issue: ValidationIssue = {
      severity,
      rule,
      index,
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: object.metadata?.name,
      namespace: object.metadata?.namespace,
      path,
      message,
    };
    (severity === IssueSeverity.ERROR ? this.errors : this.warnings).push(issue);
  }

  private error(rule: ValidationRule, index: number, path: string, message: string): void {
    this.report(IssueSeverity.ERROR, rule, index, path, message);
  }

  private schemas(): void {
    const result = validateManifests(this.objects, { store: this.options.store });
    const unknownKinds = this.options.unknownKinds ?? IssueSeverity.WARNING;
    for (const issue of result.issues) {
      const severity = issue.unknownKind ? unknownKinds : IssueSeverity.ERROR;
      const target = severity === IssueSeverity.ERROR ? this.errors : this.warnings;
      target.push({ ...issue, severity, rule: ValidationRule.SCHEMA });
    }
  }

  private names(object: KubeObject, i: number): void {
    const name = object.metadata?.name;
    const namespace = object.metadata?.namespace;
    if (typeof namespace === 'string') {
      const problem = dnsLabelProblem(namespace);
      if (problem) this.error(ValidationRule.NAMES, i, 'metadata.namespace', `${JSON.stringify(namespace)} ${problem}`);
    }
    // RBAC names are path segments ("system:metrics"), not DNS names.
    if (typeof name !== 'string' || apiGroupOf(object.apiVersion) === 'rbac.authorization.k8s.io') return;
    const group = apiGroupOf(object.apiVersion);
    // KubeVirt uses a VM's name as hostname and label value; Services and Namespaces are DNS labels.
    const label = (group === '' && (object.kind === 'Namespace' || object.kind === 'Service'))
      || (group === 'kubevirt.io' && (object.kind === 'VirtualMachine' || object.kind === 'VirtualMachineInstance'));
    const problem = label ? dnsLabelProblem(name) : dnsSubdomainProblem(name);
    if (problem) this.error(ValidationRule.NAMES, i, 'metadata.name', `${JSON.stringify(name)} ${problem}`);
  }

  /** The same object twice: applying both keeps only the last, and `kubectl`/kustomize/Argo CD refuse or fight over it. */
  private duplicates(): void {
    for (const index of this.index.duplicates) {
      const object = this.objects[index] as KubeObject;
      this.error(ValidationRule.NAMES, index, 'metadata.name',
        `${object.kind} ${JSON.stringify(qualifiedName(object.metadata?.namespace, object.metadata?.name))} is declared twice in these objects: the one applied last replaces the other; keep one, or rename one`);
    }
  }

  /** NADs and OpenShift additional networks, with the fixed addresses their static IPAM hands out. */
  private collectNetworks(): void {
    this.objects.forEach((object, i) => {
      if (!isKubeObject(object)) return;
      const group = apiGroupOf(object.apiVersion);
      if (group === 'k8s.cni.cncf.io' && object.kind === 'NetworkAttachmentDefinition') {
        const key = qualifiedName(object.metadata?.namespace, object.metadata?.name);
        this.declareNetwork({ key, form: 'NetworkAttachmentDefinition', fixed: staticIpamAddresses(object.spec?.config), index: i, path: 'spec.config' });
      } else if (group === 'operator.openshift.io' && object.kind === 'Network') {
        const entries: KubeObject[] = Array.isArray(object.spec?.additionalNetworks) ? object.spec.additionalNetworks : [];
        entries.forEach((entry, j) => {
          const key = qualifiedName(entry?.namespace ?? 'default', entry?.name);
          this.declareNetwork({ key, form: 'additional network', fixed: staticIpamAddresses(entry?.rawCNIConfig), index: i, path: `spec.additionalNetworks[${j}].rawCNIConfig` });
        });
      }
    });
  }

  /**
   * Records a network and claims its fixed addresses. A second declaration of the same
   * `ns/name` is the same network, so its addresses are not claimed again. The OpenShift Cluster
   * Network Operator writes each additional network into a NAD of that name, so both forms in
   * one set (alternatives kept side by side, say) are a warning.
   */
  private declareNetwork(declaration: { key: string; form: string; fixed: string[]; index: number; path: string }): void {
    const { key, form, fixed, index, path } = declaration;
    const holder = `${form} ${JSON.stringify(key)}`;
    const first = this.networks.get(key);
    if (!first) {
      this.networks.set(key, { fixed, holder, form });
      fixed.forEach((address, j) => this.useAddress(address, { index, path: `${path} (ipam.addresses[${j}])`, holder }));
      return;
    }
    // The same form twice is a duplicate object (the names rule reports it) or a repeated
    // additionalNetworks entry (a list-map keyed by name: the API server refuses it).
    if (first.form === form || this.skip.has(ValidationRule.MULTUS_REFERENCES)) return;
    this.report(IssueSeverity.WARNING, ValidationRule.MULTUS_REFERENCES, index, path,
      `${holder} and ${first.holder} are the same network (the Cluster Network Operator creates that NetworkAttachmentDefinition from the additional network): apply only one of the two`);
  }

  /** Records an address; the second holder of the same address gets the error. */
  private useAddress(address: string, use: AddressUse): void {
    if (this.skip.has(ValidationRule.STATIC_IPS)) return;
    const bare = bareAddress(address);
    const first = this.addressUses.get(bare);
    if (!first) {
      this.addressUses.set(bare, use);
      return;
    }
    this.error(ValidationRule.STATIC_IPS, use.index, use.path, `static IP ${bare} of ${use.holder} is already used by ${first.holder}: each address can be used once; pick another`);
  }

  /**
   * Resolves a Multus reference; a network with fixed addresses gives them to every user, so
   * it may have one.
   */
  private useNetwork(reference: string, objectNamespace: string | undefined, use: AddressUse): void {
    const { name, namespace } = splitNetworkName(reference);
    const key = qualifiedName(namespace ?? objectNamespace, name);
    const network = this.networks.get(key);
    if (!network) {
      if (!this.skip.has(ValidationRule.MULTUS_REFERENCES) && !this.knownNetworks.has(key)) {
        this.error(ValidationRule.MULTUS_REFERENCES, use.index, use.path, `network ${JSON.stringify(reference)} resolves to no NetworkAttachmentDefinition ${JSON.stringify(key)} among these objects${namespace === undefined ? ' (a bare name means the same namespace)' : ''}: declare it, write it as "namespace/name" if it lives elsewhere, or list it as a known network when it exists in the cluster already`);
      }
      return;
    }
    if (network.fixed.length === 0 || this.skip.has(ValidationRule.STATIC_IPS)) return;
    const first = this.fixedNetworkUses.get(key);
    if (first && first.holder !== use.holder) {
      this.error(ValidationRule.STATIC_IPS, use.index, use.path, `${network.holder} gives the fixed address ${network.fixed.join(', ')} to every attachment, and ${first.holder} already uses it: declare one network per VM or pod`);
    } else if (!first) {
      this.fixedNetworkUses.set(key, use);
    }
  }

  private podNetworks(object: KubeObject, i: number, path: string, metadata: KubeObject | undefined): void {
    const value = metadata?.annotations?.[MULTUS_ANNOTATION];
    if (value === undefined) return;
    const selections = parseMultusAnnotation(value);
    const annotationPath = `${path}.annotations[${JSON.stringify(MULTUS_ANNOTATION)}]`;
    if (!selections) {
      this.error(ValidationRule.MULTUS_REFERENCES, i, annotationPath, 'is neither a JSON list of networks nor "namespace/name" entries separated by commas: write e.g. [{"name":"repl","ips":["192.168.4.10/24"]}]');
      return;
    }
    const holder = `${object.kind} ${JSON.stringify(qualifiedName(object.metadata?.namespace, object.metadata?.name))}`;
    for (const selection of selections) {
      const reference = selection.namespace ? `${selection.namespace}/${selection.name}` : selection.name;
      this.useNetwork(reference, object.metadata?.namespace, { index: i, path: annotationPath, holder });
      for (const ip of selection.ips) this.useAddress(ip, { index: i, path: annotationPath, holder });
    }
  }

  private virtualMachine(vm: VmView, i: number): void {
    const { spec, specPath } = vm;
    const holder = `${vm.kind} ${JSON.stringify(qualifiedName(vm.namespace, vm.name))}`;
    const devices = spec.domain?.devices ?? {};
    const list = (value: unknown): KubeObject[] => (Array.isArray(value) ? value : []);
    const volumes = list(spec.volumes);
    const disks = list(devices.disks);

    if (!this.skip.has(ValidationRule.DISKS_AND_VOLUMES)) {
      const volumeNames = new Set(volumes.map((v) => v?.name));
      const used = new Set([...disks.map((d) => d?.name), ...list(devices.filesystems).map((f) => f?.name)]);
      disks.forEach((disk, j) => {
        if (!volumeNames.has(disk?.name)) {
          this.error(ValidationRule.DISKS_AND_VOLUMES, i, `${specPath}.domain.devices.disks[${j}].name`, `disk ${JSON.stringify(disk?.name)} has no volume of the same name: add a volume named ${JSON.stringify(disk?.name)} to ${specPath}.volumes, or remove the disk`);
        }
      });
      volumes.forEach((volume, j) => {
        // A memory dump volume is written by KubeVirt, never attached as a disk.
        if (!used.has(volume?.name) && volume?.memoryDump === undefined) {
          this.error(ValidationRule.DISKS_AND_VOLUMES, i, `${specPath}.volumes[${j}].name`, `volume ${JSON.stringify(volume?.name)} is used by no disk or filesystem: add a disk named ${JSON.stringify(volume?.name)} to ${specPath}.domain.devices.disks, or remove the volume`);
        }
      });
    }

    const interfaces = list(devices.interfaces);
    const networks = list(spec.networks);
    if (!this.skip.has(ValidationRule.INTERFACES_AND_NETWORKS)) {
      const networkNames = new Set(networks.map((n) => n?.name));
      const interfaceNames = new Set(interfaces.map((n) => n?.name));
      interfaces.forEach((iface, j) => {
        if (!networkNames.has(iface?.name)) {
          this.error(ValidationRule.INTERFACES_AND_NETWORKS, i, `${specPath}.domain.devices.interfaces[${j}].name`, `interface ${JSON.stringify(iface?.name)} has no network of the same name: add one to ${specPath}.networks (pod: {} or multus: { networkName }), or remove the interface`);
        }
      });
      networks.forEach((network, j) => {
        if (!interfaceNames.has(network?.name)) {
          this.error(ValidationRule.INTERFACES_AND_NETWORKS, i, `${specPath}.networks[${j}].name`, `network ${JSON.stringify(network?.name)} is used by no interface: add an interface named ${JSON.stringify(network?.name)} to ${specPath}.domain.devices.interfaces, or remove the network`);
        }
      });
    }
    networks.forEach((network, j) => {
      const reference = network?.multus?.networkName;
      if (typeof reference === 'string') {
        this.useNetwork(reference, vm.namespace, { index: i, path: `${specPath}.networks[${j}].multus.networkName`, holder: `${holder} interface ${JSON.stringify(network.name)}` });
      }
    });

    volumes.forEach((volume, j) => {
      const source = cloudInitSource(volume);
      if (!source) return;
      const path = `${specPath}.volumes[${j}].${volume.cloudInitNoCloud ? 'cloudInitNoCloud' : 'cloudInitConfigDrive'}`;
      this.cloudInitPasswords(i, path, source);
      if (this.skip.has(ValidationRule.STATIC_IPS)) return;
      const networkData = networkDataOf(vm, this.index, volume);
      if (networkData === undefined) return;
      for (const { where, address } of networkDataAddresses(networkData)) {
        this.useAddress(address, { index: i, path: `${path} (network data ${where})`, holder });
      }
    });

    if (!this.skip.has(ValidationRule.LIVE_MIGRATION)) {
      const mode = liveMigrationModeOf(vm);
      if (mode !== LiveMigrationMode.OFF) {
        const report = analyzeLiveMigration(vm, { index: this.index, knownClaims: this.knownClaims });
        this.migration.push(report);
        const severity = mode === LiveMigrationMode.REQUIRED ? IssueSeverity.ERROR : IssueSeverity.WARNING;
        for (const blocker of report.blockers) {
          this.report(severity, ValidationRule.LIVE_MIGRATION, i, blocker.path, `${blocker.reason}: ${blocker.message}`);
        }
      }
    }
  }

  private cloudInitPasswords(i: number, path: string, source: KubeObject): void {
    if (this.skip.has(ValidationRule.CLOUD_INIT_PASSWORDS)) return;
    const field = typeof source.userData === 'string' ? 'userData' : typeof source.userDataBase64 === 'string' ? 'userDataBase64' : undefined;
    if (!field) return;
    const text = field === 'userData' ? source.userData : Buffer.from(source.userDataBase64, 'base64').toString('utf8');
    for (const { where } of clearTextPasswords(text)) {
      this.error(ValidationRule.CLOUD_INIT_PASSWORDS, i, `${path}.${field}`, `cloud-init user data sets a clear-text password (${where}) in the manifest, where anyone who can read the VM reads it: move the user data into a Secret (secretRef; addCloudInit writes one), use a crypt hash (openssl passwd -6), or use SSH keys`);
    }
  }
}

/**
 * Validates the objects of an app (or any KubeVirt / OpenShift Virtualization YAML) in one
 * pass: each object against its strict upstream schema, and the rules that span objects
 * (disks and volumes, interfaces and networks, Multus references, static IPs, live-migration
 * readiness, clear-text passwords, DNS-1123 names). Runs automatically on `cdk8s synth` for
 * apps using this library's constructs.
 */
export function validateObjects(objects: readonly unknown[], options: ValidateObjectsOptions = {}): ValidationReport {
  const validator = new Validator(objects, options);
  validator.run();
  const byIndex = (a: ValidationIssue, b: ValidationIssue) => a.index - b.index;
  return {
    valid: validator.errors.length === 0,
    errors: validator.errors.sort(byIndex),
    warnings: validator.warnings.sort(byIndex),
    migration: validator.migration,
  };
}

/** `VirtualMachine mq/rdqm-1 spec.template.spec.volumes[0]: message` (no list position). */
export function formatValidationIssue(issue: ManifestIssue): string {
  return `${issue.kind ?? '(no kind)'} ${qualifiedName(issue.namespace, issue.name)} ${issue.path}: ${issue.message}`;
}
