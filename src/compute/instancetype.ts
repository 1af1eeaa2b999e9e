import { FactoryValue } from '../common/errors';
import { objectNameProblem } from '../common/names';

/**
 * A reference to an instancetype: a named size (CPU, memory) defined once and used by many
 * VMs, as cloud providers offer instance types.
 * @see https://kubevirt.io/user-guide/user_workloads/instancetypes/
 */
export class Instancetype extends FactoryValue {
  /** A `VirtualMachineClusterInstancetype`, e.g. one of the common instancetypes (`u1.medium`). */
  public static cluster(name: string): Instancetype {
    return new Instancetype(name, 'VirtualMachineClusterInstancetype', 'Instancetype.cluster');
  }

  /** A `VirtualMachineInstancetype` in the VM's namespace. */
  public static namespaced(name: string): Instancetype {
    return new Instancetype(name, 'VirtualMachineInstancetype', 'Instancetype.namespaced');
  }

  private constructor(public readonly name: string, public readonly kind: string, factory: string) {
    super();
    this._problem(factory, objectNameProblem('name', name));
  }
}

/**
 * A reference to a preference: the guest OS's preferred devices and settings (bus, firmware,
 * topology), e.g. `fedora` or `windows.2k22` from the common preferences.
 */
export class Preference extends FactoryValue {
  /** A `VirtualMachineClusterPreference`. */
  public static cluster(name: string): Preference {
    return new Preference(name, 'VirtualMachineClusterPreference', 'Preference.cluster');
  }

  /** A `VirtualMachinePreference` in the VM's namespace. */
  public static namespaced(name: string): Preference {
    return new Preference(name, 'VirtualMachinePreference', 'Preference.namespaced');
  }

  private constructor(public readonly name: string, public readonly kind: string, factory: string) {
    super();
    this._problem(factory, objectNameProblem('name', name));
  }
}
