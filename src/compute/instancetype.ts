import { assertObjectName } from '../common/names';

/**
 * A reference to an instancetype: a named size (CPU, memory) defined once and used by many
 * VMs, as cloud providers offer instance types.
 * @see https://kubevirt.io/user-guide/user_workloads/instancetypes/
 */
export class Instancetype {
  /** A `VirtualMachineClusterInstancetype`, e.g. one of the common instancetypes (`u1.medium`). */
  public static cluster(name: string): Instancetype {
    assertObjectName('Instancetype.cluster', 'name', name);
    return new Instancetype(name, 'VirtualMachineClusterInstancetype');
  }

  /** A `VirtualMachineInstancetype` in the VM's namespace. */
  public static namespaced(name: string): Instancetype {
    assertObjectName('Instancetype.namespaced', 'name', name);
    return new Instancetype(name, 'VirtualMachineInstancetype');
  }

  private constructor(public readonly name: string, public readonly kind: string) {}
}

/**
 * A reference to a preference: the guest OS's preferred devices and settings (bus, firmware,
 * topology), e.g. `fedora` or `windows.2k22` from the common preferences.
 */
export class Preference {
  /** A `VirtualMachineClusterPreference`. */
  public static cluster(name: string): Preference {
    assertObjectName('Preference.cluster', 'name', name);
    return new Preference(name, 'VirtualMachineClusterPreference');
  }

  /** A `VirtualMachinePreference` in the VM's namespace. */
  public static namespaced(name: string): Preference {
    assertObjectName('Preference.namespaced', 'name', name);
    return new Preference(name, 'VirtualMachinePreference');
  }

  private constructor(public readonly name: string, public readonly kind: string) {}
}
