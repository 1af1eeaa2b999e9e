import { ApiObject, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-32';
import { Construct } from 'constructs';
import { CloudInitDatasource, CloudInitOptions, renderNetworkData, renderUserData } from './cloud-init';
import { SshKeyPropagation, SshKeysOptions, validatePublicKey } from './ssh-keys';
import * as kubevirt from '../../imports/kubevirt.io';
import { base64 } from '../common/base64';
import { assertFactoryValue, constructError, notOneOf, show } from '../common/errors';
import { dnsLabelProblem, dnsSubdomainProblem } from '../common/names';
import { ChildMetadata } from '../core/kube-resource';
import { ProducerOf } from '../core/producer-of';
import { VmInterfaces } from '../network/vm-interfaces';
import { DiskBus } from '../storage/disk';

type Volume = kubevirt.VirtualMachineSpecTemplateSpecVolumes;
type Disk = kubevirt.VirtualMachineSpecTemplateSpecDomainDevicesDisks;
type AccessCredential = kubevirt.VirtualMachineSpecTemplateSpecAccessCredentials;

/** The VM cloud-init belongs to: the scope of the generated Secrets. */
export interface VmCloudInitOwner extends Construct {
  readonly name: string;
}

/** What `VmCloudInit` writes: the cloud-init disk and volume, and the access credentials. */
export interface VmCloudInitSpec {
  readonly disk?: Disk;
  readonly volume?: Volume;
  readonly accessCredentials: AccessCredential[];
}

interface CloudInitState {
  readonly datasource: CloudInitDatasource;
  readonly diskName: string;
  /** Existing Secrets named by the user. */
  readonly userDataSecret?: string;
  readonly networkDataSecret?: string;
  /** User data and network data given here, for the generated Secret. */
  readonly userData?: string;
  readonly networkData?: string;
}

interface SshKeysState {
  readonly secretName: string;
  readonly propagation?: SshKeyPropagation;
}

/** KubeVirt names the pod volume `<secret>-access-cred`; pod volume names are DNS labels (63). */
const MAX_ACCESS_CREDENTIAL_SECRET_NAME = 63 - '-access-cred'.length;

/**
 * What reaches the guest at first boot: cloud-init (user data, network data, the generated
 * network data for fixed addresses) and SSH keys through KubeVirt's access credentials, with
 * the Secrets generated for them.
 * @internal
 */
export class VmCloudInit {
  private static secretDataOf(cloudInit: VmCloudInit): Record<string, string> {
    return cloudInit.secretData();
  }

  private state?: CloudInitState;
  private readonly sshKeys: SshKeysState[] = [];
  private secret?: ApiObject;
  /** Secrets are created only once the VM's object exists (the VM's name names them). */
  private active = false;

  public constructor(
    private readonly vm: VmCloudInitOwner,
    private readonly interfaces: VmInterfaces,
    private readonly childMetadata: (name: string) => ChildMetadata,
  ) {}

  /** The cloud-init datasource, when the VM has cloud-init. */
  public get datasource(): CloudInitDatasource | undefined {
    return this.state?.datasource;
  }

  /** The name of the cloud-init disk, when the VM has cloud-init. */
  public get diskName(): string | undefined {
    return this.state?.diskName;
  }

  /** Called once the VM's object exists: creates the Secrets that are due. */
  public activate(): void {
    this.active = true;
    this.ensureSecret();
  }

  /** Gives the VM cloud-init; `diskNames` are the names the VM's disks already use. */
  public configure(options: CloudInitOptions, diskNames: string[]): void {
    if (this.state) {
      throw constructError(this.vm, 'cloud-init is already configured: a VM has one cloud-init disk; put everything into one addCloudInit(...) call');
    }
    if (typeof options !== 'object' || options === null) {
      throw constructError(this.vm, `cloud-init ${show(options)} must be an object of CloudInitOptions, e.g. { userData: { user: "fedora" } }`);
    }
    const datasource = options.datasource ?? CloudInitDatasource.NO_CLOUD;
    const badDatasource = notOneOf(datasource, CloudInitDatasource);
    if (badDatasource) throw constructError(this.vm, `cloud-init datasource ${show(datasource)} ${badDatasource}`);
    const diskName = options.diskName ?? 'cloudinitdisk';
    const nameProblem = dnsLabelProblem(diskName);
    if (nameProblem) throw constructError(this.vm, `cloud-init diskName ${show(diskName)} ${nameProblem}`);
    if (diskNames.includes(diskName)) {
      throw constructError(this.vm, `cloud-init diskName ${show(diskName)} is already a disk of this VM: pass another diskName`);
    }
    this.checkSecretRefs(options);
    const userData = renderUserData(options);
    if (userData.problem) throw constructError(this.vm, `cloud-init: ${userData.problem}`);
    const networkData = options.networkData === undefined ? undefined : renderNetworkData(options.networkData);
    const delivers = [options.userDataSecret, userData.text, networkData, options.networkDataSecret].some((v) => v !== undefined)
      || this.interfaces.configuresAddresses;
    if (!delivers) {
      throw constructError(this.vm, 'cloud-init has nothing to deliver: give userData, networkData, sshAuthorizedKeys or an existing Secret');
    }
    this.state = {
      datasource,
      diskName,
      userDataSecret: options.userDataSecret,
      networkDataSecret: options.networkDataSecret,
      userData: userData.text,
      networkData,
    };
    this.ensureSecret();
  }

  /** Adds SSH keys (after `checkSshKeys`); inline keys go into a generated Secret. */
  public addSshKeys(options: SshKeysOptions): void {
    this.checkSshKeys(options);
    const suffix = this.sshKeys.length === 0 ? '' : `-${this.sshKeys.length + 1}`;
    const secretName = options.secretName ?? `${this.vm.name}-ssh-keys${suffix}`;
    // Checked before the Secret is created, so a refused call leaves nothing behind.
    this.checkSecretNameLength(secretName);
    const keys = options.publicKeys;
    if (keys !== undefined) {
      new k8s.KubeSecret(this.vm, `SshKeysSecret${suffix}`, {
        metadata: this.childMetadata(secretName),
        type: 'Opaque',
        data: Object.fromEntries(keys.map((key, i) => [`key${i + 1}`, base64(key.trim())])),
      });
    }
    this.sshKeys.push({ secretName, propagation: options.propagation });
  }

  /** Checks SSH key options as far as they do not depend on the VM's name. */
  public checkSshKeys(options: SshKeysOptions): void {
    if (typeof options !== 'object' || options === null) {
      throw constructError(this.vm, `addSshKeys: options ${show(options)} must be an object, e.g. { publicKeys: ["ssh-ed25519 AAAA... user@host"] }`);
    }
    const keys = options.publicKeys;
    if ((keys !== undefined) === (options.secretName !== undefined)) {
      throw constructError(this.vm, 'addSshKeys needs exactly one of publicKeys (keys written here) or secretName (an existing Secret)');
    }
    if (keys !== undefined) {
      if (!Array.isArray(keys) || keys.length === 0) {
        throw constructError(this.vm, 'addSshKeys: publicKeys is empty: pass at least one public key, e.g. the content of ~/.ssh/id_ed25519.pub');
      }
      keys.forEach((key, i) => {
        const problem = validatePublicKey(key);
        if (problem) throw constructError(this.vm, `addSshKeys: publicKeys[${i}] ${problem}`);
      });
    } else {
      const problem = dnsSubdomainProblem(options.secretName!);
      if (problem) throw constructError(this.vm, `addSshKeys: secretName ${show(options.secretName)} ${problem}`);
      this.checkSecretNameLength(options.secretName!);
    }
    if (options.propagation !== undefined && !(options.propagation instanceof SshKeyPropagation)) {
      throw constructError(this.vm, 'addSshKeys: propagation must be SshKeyPropagation.noCloud(), .configDrive() or .qemuGuestAgent([...])');
    }
    if (options.propagation !== undefined) assertFactoryValue(this.vm, 'addSshKeys: propagation', options.propagation);
  }

  /** Synth-time checks: key propagation and fixed addresses need the matching cloud-init. */
  public validate(): string[] {
    return [...this.validateSshPropagation(), ...this.validateNetworkData()];
  }

  /** Renders the cloud-init disk and volume and the access credentials. */
  public _toKube(): VmCloudInitSpec {
    const accessCredentials = this.sshKeys.map((keys): AccessCredential => {
      const propagation = this.propagationOf(keys);
      return {
        sshPublicKey: {
          source: { secret: { secretName: keys.secretName } },
          propagationMethod: propagation.method === 'qemuGuestAgent'
            ? { qemuGuestAgent: { users: propagation.users! } }
            : { [propagation.method]: {} },
        },
      };
    });
    if (!this.state) return { accessCredentials };
    const { diskName, datasource, userDataSecret, networkDataSecret, userData } = this.state;
    const generated = this.secret?.name;
    const generatesNetworkData = generated !== undefined && this.writesNetworkData();
    const userDataRef = userDataSecret ?? (userData !== undefined ? generated : undefined);
    const networkDataRef = networkDataSecret ?? (generatesNetworkData ? generated : undefined);
    const source = {
      secretRef: userDataRef !== undefined ? { name: userDataRef } : undefined,
      networkDataSecretRef: networkDataRef !== undefined ? { name: networkDataRef } : undefined,
    };
    return {
      disk: { name: diskName, disk: { bus: DiskBus.VIRTIO } },
      volume: datasource === CloudInitDatasource.NO_CLOUD
        ? { name: diskName, cloudInitNoCloud: source }
        : { name: diskName, cloudInitConfigDrive: source },
      accessCredentials,
    };
  }

  /**
   * The generated cloud-init Secret, once something goes into it (created once, filled at
   * synth). Called again when a network with a fixed address is attached.
   */
  public ensureSecret(): void {
    const state = this.state;
    if (!this.active || this.secret || !state) return;
    if (state.userData === undefined && state.networkData === undefined && !this.interfaces.configuresAddresses) return;
    this.secret = new ApiObject(this.vm, 'CloudInitSecret', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: this.childMetadata(`${this.vm.name}-cloud-init`),
      type: 'Opaque',
      data: Lazy.any(new ProducerOf(this, VmCloudInit.secretDataOf)),
    });
  }

  private checkSecretNameLength(secretName: string): void {
    if (secretName.length <= MAX_ACCESS_CREDENTIAL_SECRET_NAME) return;
    throw constructError(this.vm, `addSshKeys: Secret name ${show(secretName)} has ${secretName.length} characters; KubeVirt mounts it as a pod volume named "<secret>-access-cred", which must fit in 63, so at most ${MAX_ACCESS_CREDENTIAL_SECRET_NAME}: shorten the VM name or pass a shorter secretName`);
  }

  private checkSecretRefs(options: CloudInitOptions): void {
    if (options.userDataSecret !== undefined && (options.userData !== undefined || options.sshAuthorizedKeys !== undefined)) {
      throw constructError(this.vm, 'cloud-init: userDataSecret names an existing Secret, so userData and sshAuthorizedKeys cannot be given too: put them into that Secret, or drop userDataSecret');
    }
    if (options.networkDataSecret !== undefined && options.networkData !== undefined) {
      throw constructError(this.vm, 'cloud-init: networkDataSecret names an existing Secret, so networkData cannot be given too: put it into that Secret, or drop networkDataSecret');
    }
    for (const [prop, value] of [['userDataSecret', options.userDataSecret], ['networkDataSecret', options.networkDataSecret]] as const) {
      const problem = value === undefined ? undefined : dnsSubdomainProblem(value);
      if (problem) throw constructError(this.vm, `cloud-init ${prop} ${show(value)} ${problem}`);
    }
    if (options.sshAuthorizedKeys !== undefined && !Array.isArray(options.sshAuthorizedKeys)) {
      throw constructError(this.vm, `cloud-init: sshAuthorizedKeys ${show(options.sshAuthorizedKeys)} must be an array of public key lines`);
    }
  }

  /** Whether the generated Secret holds network data (what `secretData` renders, without rendering it). */
  private writesNetworkData(): boolean {
    const state = this.state!;
    return state.networkData !== undefined || (state.networkDataSecret === undefined && this.interfaces.configuresAddresses);
  }

  private secretData(): Record<string, string> {
    const state = this.state!;
    const networkData = state.networkData ?? (state.networkDataSecret === undefined ? this.interfaces.networkData() : undefined);
    return {
      ...(state.userData !== undefined ? { userdata: base64(state.userData) } : {}),
      ...(networkData !== undefined ? { networkdata: base64(networkData) } : {}),
    };
  }

  /** noCloud/configDrive propagation needs the matching cloud-init disk, which may be added later. */
  private validateSshPropagation(): string[] {
    const errors: string[] = [];
    for (const keys of this.sshKeys) {
      const method = this.propagationOf(keys).method;
      if (method === 'qemuGuestAgent') continue;
      const needed = method === 'noCloud' ? CloudInitDatasource.NO_CLOUD : CloudInitDatasource.CONFIG_DRIVE;
      if (this.state?.datasource !== needed) {
        errors.push(`SSH keys from Secret ${show(keys.secretName)} are propagated through ${method}, but the VM has ${this.state ? `${this.state.datasource} cloud-init` : 'no cloud-init'}: add cloud-init with datasource ${needed} (vm.addCloudInit({ ... })) or use SshKeyPropagation.qemuGuestAgent([...])`);
      }
    }
    return errors;
  }

  /** Fixed addresses reach the guest through cloud-init network data that this VM generates. */
  private validateNetworkData(): string[] {
    if (!this.interfaces.configuresAddresses) return [];
    const withIp = this.interfaces.attachments.filter((a) => a.ip).map((a) => `${show(a.interfaceName)} (${a.ip!.cidr})`).join(', ');
    const state = this.state;
    if (!state) {
      return [`interface ${withIp} has a fixed ip, which is configured in the guest through cloud-init network data, but the VM has no cloud-init: add vm.addCloudInit({ ... }) (user data may be empty of everything but ssh keys)`];
    }
    if (state.datasource !== CloudInitDatasource.NO_CLOUD) {
      return [`interface ${withIp} has a fixed ip, configured through generated cloud-init network data, which is written for the NoCloud datasource, but the VM uses ${state.datasource}: use CloudInitDatasource.NO_CLOUD, or configure the address yourself and drop ip`];
    }
    if (state.networkData !== undefined || state.networkDataSecret !== undefined) {
      return [`interface ${withIp} has a fixed ip, configured through generated cloud-init network data, but cloud-init already has ${state.networkData !== undefined ? 'networkData' : 'networkDataSecret'}: put the address into your network data and drop ip, or drop your network data`];
    }
    return [];
  }

  private propagationOf(keys: SshKeysState): SshKeyPropagation {
    return keys.propagation ?? (this.state?.datasource === CloudInitDatasource.CONFIG_DRIVE
      ? SshKeyPropagation.configDrive()
      : SshKeyPropagation.noCloud());
  }
}
