import { ApiObject, ApiObjectMetadata, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { Construct } from 'constructs';
import { durationValue, metadataValue, optionalString } from './inputs';
import { declaredRunning, vmLabel, warn } from './source-vm';
import { VirtualMachineSnapshot } from './virtual-machine-snapshot';
import * as exp from '../../imports/export.kubevirt.io';
import { assertPropsObject, constructError, show } from '../common/errors';
import { dnsSubdomainProblem } from '../common/names';
import { VirtualMachine } from '../compute/virtual-machine';
import { KubeResource } from '../core/kube-resource';
import { DeploymentPhase, setDeploymentPhase } from '../gitops/deployment-phase';
import { KubeObject } from '../model/object-index';
import { withdrawRefused } from '../network/refused-construct';
import { AppValidation } from '../validation/app-validation';

/** The key of the token in an export's token Secret. */
export const EXPORT_TOKEN_KEY = 'token';

/** What an export serves: a declared VM's disks, a snapshot's, or one claim. */
export type ExportSource = VirtualMachine | VirtualMachineSnapshot | kplus.IPersistentVolumeClaim;

/** Properties of `VirtualMachineExport`. */
export interface VirtualMachineExportProps {
  /**
   * What to export: a declared VM (its disks, while it is stopped), a snapshot of one, or a
   * PersistentVolumeClaim (this library's, or `kplus.PersistentVolumeClaim.fromClaimName`).
   */
  readonly source: ExportSource;
  /**
   * Name (and labels, annotations) of the export; its namespace is the source's.
   * @default - a name generated from the construct path
   */
  readonly metadata?: Omit<ApiObjectMetadata, 'namespace'>;
  /**
   * Name of an existing Secret, in the export's namespace, whose key `token` holds the token
   * clients send (header `x-kubevirt-export-token`). A token value is never taken: it would be
   * written in clear into the manifest.
   * @default - KubeVirt generates a random token in a Secret `export-token-<export name>`,
   *   owned by the export (status.tokenSecretRef names it)
   */
  readonly tokenSecretName?: string;
  /**
   * How long after its creation KubeVirt deletes the export.
   * @default - KubeVirt's default, 2 hours
   */
  readonly ttl?: Duration;
}

/**
 * An export of a VM's disks over HTTPS (`VirtualMachineExport`, export.kubevirt.io/v1, GA since KubeVirt v1.9.0),
 * for download with `virtctl vmexport` or any HTTP client holding the token.
 *
 * KubeVirt deletes the export when its TTL ends: keep it in a day-2 chart applied by hand, since
 * a GitOps tool that re-applies it would start a new export. A VM is exported only while it is
 * stopped: a VM declared running gets a warning (export a snapshot of it instead). A token
 * Secret declared in this app must hold the key `token`.
 *
 * @see https://kubevirt.io/user-guide/storage/export_api/
 */
export class VirtualMachineExport extends KubeResource {
  /** @see kplus.Resource */
  public readonly resourceType = 'virtualmachineexports';
  /** The export object. */
  public readonly apiObject: ApiObject;
  /** What is exported. */
  public readonly source: ExportSource;
  /** The Secret given for the token, if one was. */
  public readonly tokenSecretName?: string;

  public constructor(scope: Construct, id: string, props: VirtualMachineExportProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'VirtualMachineExportProps', '{ source: vm }');
      this.source = this.checkSource(props.source);
      const metadata = metadataValue(this, props.metadata);
      this.assertMetadataName(metadata);
      if ('token' in props) {
        throw constructError(this, 'token is not a prop: a token in the manifest is a password in clear; put it in a Secret (key "token") and give tokenSecretName, or leave both out for a generated one');
      }
      this.tokenSecretName = optionalString(this, 'tokenSecretName', props.tokenSecretName);
      const secretProblem = this.tokenSecretName === undefined ? undefined : dnsSubdomainProblem(this.tokenSecretName);
      if (secretProblem) throw constructError(this, `tokenSecretName ${show(this.tokenSecretName)} ${secretProblem}`);
      const namespace = this.sourceNamespace() ?? this.plannedNamespace();
      this.apiObject = new exp.VirtualMachineExportV1(this, 'Resource', {
        metadata: { ...metadata, ...(namespace !== undefined ? { namespace } : {}) },
        spec: {
          source: this.sourceReference(),
          tokenSecretRef: this.tokenSecretName,
          ttlDuration: durationValue(this, 'ttl', props.ttl),
        },
      });
      setDeploymentPhase(this, DeploymentPhase.WORKLOADS);
      this.node.addValidation({ validate: () => this.problems() });
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }

  private checkSource(source: unknown): ExportSource {
    if (source instanceof VirtualMachine || source instanceof VirtualMachineSnapshot) return source;
    const claim = source as kplus.IPersistentVolumeClaim | undefined;
    if (claim !== null && typeof claim === 'object' && claim.kind === 'PersistentVolumeClaim' && typeof claim.name === 'string') return claim;
    throw constructError(this, `source ${show(source)} must be a VirtualMachine, a VirtualMachineSnapshot or a PersistentVolumeClaim (e.g. kplus.PersistentVolumeClaim.fromClaimName(this, "disk", "name"))`);
  }

  private sourceNamespace(): string | undefined {
    const source = this.source;
    if (source instanceof VirtualMachine) return source.namespace;
    if (source instanceof VirtualMachineSnapshot) return source.vm.namespace;
    return source instanceof KubeResource ? source.namespace : undefined;
  }

  private sourceReference(): exp.VirtualMachineExportV1SpecSource {
    const source = this.source;
    if (source instanceof VirtualMachine) return { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: source.name };
    if (source instanceof VirtualMachineSnapshot) return { apiGroup: 'snapshot.kubevirt.io', kind: 'VirtualMachineSnapshot', name: source.name };
    return { kind: 'PersistentVolumeClaim', name: source.name };
  }

  private problems(): string[] {
    if (this.source instanceof VirtualMachine && declaredRunning(this.source)) {
      warn(this, [`VirtualMachine ${show(vmLabel(this.source))} is declared running (runStrategy ${this.source.runStrategy}), and KubeVirt exports a VM's disks only while it is stopped: export a VirtualMachineSnapshot of it, or stop it`]);
    }
    const secret = this.declaredTokenSecret();
    if (secret && secret.data?.[EXPORT_TOKEN_KEY] === undefined && secret.stringData?.[EXPORT_TOKEN_KEY] === undefined) {
      const keys = [...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {})];
      return [`tokenSecretName ${show(this.tokenSecretName)}: the Secret declared in this app has no key "${EXPORT_TOKEN_KEY}" (it has ${keys.map((k) => show(k)).join(', ') || 'none'}), and KubeVirt reads the token from that key: rename the key to "${EXPORT_TOKEN_KEY}"`];
    }
    return [];
  }

  /** The token Secret, when this app declares one of that name in the export's namespace. */
  private declaredTokenSecret(): KubeObject | undefined {
    if (this.tokenSecretName === undefined) return undefined;
    return (AppValidation.of(this).render().objects as KubeObject[]).find((o) => o?.kind === 'Secret' && o.apiVersion === 'v1'
      && o.metadata?.name === this.tokenSecretName && o.metadata?.namespace === this.namespace);
  }
}
