import { VirtualMachineInstancetype } from './virtual-machine-instancetype';
import { VirtualMachinePreference } from './virtual-machine-preference';
import { FactoryValue, describeValue } from '../common/errors';
import { objectNameProblem } from '../common/names';
import { DiskBus } from '../storage/disk';

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

  /**
   * An instancetype declared in this app: cluster-scoped or namespaced as it is. A namespaced
   * one must be in the VM's namespace (checked at synth, rule `instancetype-conflicts`), and the
   * VM's own settings are checked against it.
   */
  public static of(instancetype: VirtualMachineInstancetype): Instancetype {
    if (!(instancetype instanceof VirtualMachineInstancetype)) {
      return new Instancetype('', 'VirtualMachineInstancetype', 'Instancetype.of', `${describeValue(instancetype)} is not a VirtualMachineInstancetype construct: pass one, or use Instancetype.cluster("name") for one declared elsewhere`);
    }
    const kind = instancetype.clusterScoped ? 'VirtualMachineClusterInstancetype' : 'VirtualMachineInstancetype';
    return new Instancetype(instancetype.name, kind, 'Instancetype.of', undefined, instancetype.namespace);
  }

  private constructor(
    public readonly name: string,
    public readonly kind: string,
    factory: string,
    problem?: string,
    /** The namespace of a namespaced instancetype declared in this app (`Instancetype.of`). */
    public readonly namespace?: string,
  ) {
    super();
    this._problem(factory, problem ?? objectNameProblem('name', name));
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

  /** A preference declared in this app: cluster-scoped or namespaced as it is (a namespaced one in the VM's namespace). */
  public static of(preference: VirtualMachinePreference): Preference {
    if (!(preference instanceof VirtualMachinePreference)) {
      return new Preference('', 'VirtualMachinePreference', 'Preference.of', `${describeValue(preference)} is not a VirtualMachinePreference construct: pass one, or use Preference.cluster("name") for one declared elsewhere`);
    }
    const kind = preference.clusterScoped ? 'VirtualMachineClusterPreference' : 'VirtualMachinePreference';
    return new Preference(preference.name, kind, 'Preference.of', undefined, preference.namespace, preference.diskBus);
  }

  private constructor(
    public readonly name: string,
    public readonly kind: string,
    factory: string,
    problem?: string,
    /** The namespace of a namespaced preference declared in this app (`Preference.of`). */
    public readonly namespace?: string,
    /** The preferred disk bus of a preference declared in this app (`Preference.of`); unknown for one named. */
    public readonly diskBus?: DiskBus,
  ) {
    super();
    this._problem(factory, problem ?? objectNameProblem('name', name));
  }
}
