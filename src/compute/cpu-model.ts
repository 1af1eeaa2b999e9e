import { FactoryValue, show } from '../common/errors';

/**
 * The CPU model the guest sees.
 * @see https://kubevirt.io/user-guide/compute/virtual_hardware/#cpu-model-special-cases
 */
export class CpuModel extends FactoryValue {
  /** The host's CPU model, with features libvirt can migrate (KubeVirt's default). */
  public static readonly HOST_MODEL = new CpuModel('host-model');
  /** The host CPU exactly; fastest, but the VM can only migrate to identical hosts. */
  public static readonly HOST_PASSTHROUGH = new CpuModel('host-passthrough');

  /** A named libvirt model such as `Cascadelake-Server` or `EPYC`. */
  public static named(name: string): CpuModel {
    const model = new CpuModel(name);
    if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) {
      model._problem('CpuModel.named', `${show(name)} is not a libvirt CPU model name: use a name such as "Cascadelake-Server", or CpuModel.HOST_MODEL`);
    }
    return model;
  }

  private constructor(public readonly name: string) {
    super();
  }
}
