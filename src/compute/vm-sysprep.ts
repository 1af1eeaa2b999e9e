import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import * as kubevirt from '../../imports/kubevirt.io';
import { base64 } from '../common/base64';
import { constructError, show } from '../common/errors';
import { dnsLabelProblem, dnsSubdomainProblem } from '../common/names';
import { ChildMetadata } from '../core/kube-resource';
import { DiskBus } from '../storage/disk';

/**
 * Windows answer files for a VM, delivered by KubeVirt's `sysprep` volume: KubeVirt writes the
 * files of a Secret or ConfigMap onto an ISO attached as a CD-ROM, where Windows Setup and the
 * first boot of a generalized image look for them. Give the XML here (it goes into a Secret
 * generated next to the VM, `<vm name>-sysprep`), or name a Secret or ConfigMap that exists.
 */
export interface SysprepOptions {
  /**
   * Content of `Autounattend.xml`: the answers for Windows Setup when installing from media.
   * @default - none
   */
  readonly autounattend?: string;
  /**
   * Content of `Unattend.xml`: the answers for the first boot of a generalized (sysprepped)
   * image, e.g. one cloned from a golden DataSource.
   * @default - none
   */
  readonly unattend?: string;
  /**
   * An existing Secret with the key `autounattend.xml` and/or `unattend.xml`.
   * @default - none
   */
  readonly secretName?: string;
  /**
   * An existing ConfigMap with the key `autounattend.xml` and/or `unattend.xml`. Answer files
   * usually hold the administrator password, which a ConfigMap shows to anyone who can read
   * ConfigMaps: prefer `secretName`.
   * @default - none
   */
  readonly configMapName?: string;
  /**
   * Name of the CD-ROM (and of its volume).
   * @default "sysprep"
   */
  readonly diskName?: string;
}

/** The VM sysprep belongs to: the scope of the generated Secret. */
export interface VmSysprepOwner extends Construct {
  readonly name: string;
}

/** What `VmSysprep` writes: the CD-ROM and its volume. */
export interface VmSysprepSpec {
  readonly disk?: kubevirt.VirtualMachineSpecTemplateSpecDomainDevicesDisks;
  readonly volume?: kubevirt.VirtualMachineSpecTemplateSpecVolumes;
}

// KubeVirt v1.9.0 pkg/config/sysprep.go: the drive must hold autounattend.xml or unattend.xml
// (names compared in lower case); the files are the Secret's or ConfigMap's keys.
const FILE_OF = { autounattend: 'autounattend.xml', unattend: 'unattend.xml' } as const;

/**
 * The sysprep CD-ROM of a VM and the Secret generated for answer files given inline.
 * @internal
 */
export class VmSysprep {
  private readonly options?: SysprepOptions;
  private secret?: ApiObject;

  /**
   * @param diskNames names the VM's other disks use (the CD-ROM needs its own)
   */
  public constructor(
    private readonly vm: VmSysprepOwner,
    private readonly childMetadata: (name: string) => ChildMetadata,
    options: SysprepOptions | undefined,
    diskNames: string[],
  ) {
    if (options === undefined) return;
    this.check(options, diskNames);
    this.options = options;
  }

  /** The name of the sysprep CD-ROM, when the VM has one. */
  public get diskName(): string | undefined {
    return this.options === undefined ? undefined : this.options.diskName ?? 'sysprep';
  }

  /** Called once the VM's object exists (its name names the Secret): creates the Secret for inline files. */
  public activate(): void {
    const options = this.options;
    if (options === undefined || this.secret || (options.autounattend === undefined && options.unattend === undefined)) return;
    const data: Record<string, string> = {};
    for (const key of ['autounattend', 'unattend'] as const) {
      const text = options[key];
      if (text !== undefined) data[FILE_OF[key]] = base64(text);
    }
    this.secret = new ApiObject(this.vm, 'SysprepSecret', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: this.childMetadata(`${this.vm.name}-sysprep`),
      type: 'Opaque',
      data,
    });
  }

  /** Renders the CD-ROM and its `sysprep` volume. */
  public _toKube(): VmSysprepSpec {
    const options = this.options;
    const name = this.diskName;
    if (options === undefined || name === undefined) return {};
    const secretName = options.secretName ?? this.secret?.name;
    return {
      // An ISO: KubeVirt's user guide attaches it as a CD-ROM, on SATA, which Windows reads without drivers.
      disk: { name, cdrom: { bus: DiskBus.SATA } },
      volume: {
        name,
        sysprep: secretName !== undefined ? { secret: { name: secretName } } : { configMap: { name: options.configMapName! } },
      },
    };
  }

  private check(options: SysprepOptions, diskNames: string[]): void {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw constructError(this.vm, `sysprep ${show(options)} must be an object of SysprepOptions, e.g. { unattend: "<unattend ...>...</unattend>" } or { secretName: "win-sysprep" }`);
    }
    const inline = options.autounattend !== undefined || options.unattend !== undefined;
    const sources = [inline, options.secretName !== undefined, options.configMapName !== undefined].filter(Boolean).length;
    if (sources !== 1) {
      throw constructError(this.vm, `sysprep needs exactly one of autounattend/unattend (answer files written here, into a generated Secret), secretName or configMapName (existing objects), and has ${sources}: keep one`);
    }
    for (const key of ['autounattend', 'unattend'] as const) {
      const text = options[key];
      if (text !== undefined && (typeof text !== 'string' || !/<unattend[\s>]/.test(text))) {
        throw constructError(this.vm, `sysprep.${key} ${show(typeof text === 'string' ? `${text.slice(0, 40)}${text.length > 40 ? '...' : ''}` : text)} is not a Windows answer file: give the XML of ${FILE_OF[key]}, whose root element is <unattend xmlns="urn:schemas-microsoft-com:unattend">`);
      }
    }
    for (const prop of ['secretName', 'configMapName'] as const) {
      const value = options[prop];
      const problem = value === undefined ? undefined : typeof value !== 'string' ? 'must be a string' : dnsSubdomainProblem(value);
      if (problem) throw constructError(this.vm, `sysprep.${prop} ${show(value)} ${problem}`);
    }
    const diskName = options.diskName ?? 'sysprep';
    const nameProblem = typeof diskName !== 'string' ? 'must be a string' : dnsLabelProblem(diskName);
    if (nameProblem) throw constructError(this.vm, `sysprep.diskName ${show(diskName)} ${nameProblem}`);
    if (diskNames.includes(diskName)) {
      throw constructError(this.vm, `sysprep.diskName ${show(diskName)} is already a disk of this VM: pass another diskName`);
    }
  }
}
