import * as kplus from 'cdk8s-plus-32';
import { k8s } from 'cdk8s-plus-32';
import { Construct } from 'constructs';
import { ExposeViaServiceOptions, VirtualMachineServicePort } from './virtual-machine-props';
import { constructError, notOneOf, show } from '../common/errors';
import { dnsLabelProblem } from '../common/names';
import { ChildMetadata } from '../core/kube-resource';
import { PortProtocol, portNumberProblem } from '../network/pod-network';
import { VmInterfaces } from '../network/vm-interfaces';

/** The label KubeVirt puts on a VM's virt-launcher pod. */
export const VM_NAME_LABEL = 'vm.kubevirt.io/name';

/** The VM the Services select: the scope of the Services. */
export interface VmServiceOwner extends Construct {
  readonly name: string;
}

const SELECTING_TYPES = [kplus.ServiceType.CLUSTER_IP, kplus.ServiceType.NODE_PORT, kplus.ServiceType.LOAD_BALANCER];

/**
 * The Services that reach a VM's guest through its virt-launcher pod (what `virtctl expose`
 * creates), checked against the ports the pod network forwards.
 * @internal
 */
export class VmServices {
  /** Grown by concat, not push: one name or two, without room for 17 (one list per VM of a fleet). */
  private names: string[] = [];

  public constructor(
    private readonly vm: VmServiceOwner,
    private readonly interfaces: VmInterfaces,
    private readonly childMetadata: (name: string) => ChildMetadata,
    /** The labels of the pods to select: the VM's by default, all replicas' for a pool. */
    private readonly podSelector: () => Record<string, string> = () => ({ [VM_NAME_LABEL]: vm.name }),
  ) {}

  /** Whether some Service selects the VM's pod (by `podSelector`). */
  public get selectsPod(): boolean {
    return this.names.length > 0;
  }

  /** Creates a cdk8s-plus Service for the guest's ports. */
  public expose(options: ExposeViaServiceOptions): kplus.Service {
    const { type, name, ports } = this.check(options);
    const service = new VmService(this.vm, `Service${this.names.length === 0 ? '' : this.names.length + 1}`, {
      metadata: this.childMetadata(name),
      type,
    });
    for (const [key, value] of Object.entries(this.podSelector())) service.selectLabel(key, value);
    for (const p of ports) {
      service.bindGuestPort(p.port, {
        name: p.name,
        targetPort: p.targetPort,
        protocol: (p.protocol ?? PortProtocol.TCP) as string as kplus.Protocol,
        nodePort: p.nodePort,
      });
    }
    this.names = this.names.concat([name]);
    return service;
  }

  private check(options: ExposeViaServiceOptions): { type: kplus.ServiceType; name: string; ports: VirtualMachineServicePort[] } {
    if (typeof options !== 'object' || options === null) this.fail(`options ${show(options)} must be an object, e.g. { ports: [{ port: 22 }] }`);
    const type = options.type ?? kplus.ServiceType.CLUSTER_IP;
    if (!SELECTING_TYPES.includes(type)) this.fail(`type ${show(type)} cannot select pods: use ClusterIP, NodePort or LoadBalancer`);
    const name = options.name ?? (this.names.length === 0 ? this.vm.name : undefined);
    if (name === undefined) this.fail(`the VM has a Service already (${show(this.names[0])}): give this one a name`);
    const nameProblem = dnsLabelProblem(name!);
    if (nameProblem) this.fail(`name ${show(name)} ${nameProblem}`);
    if (this.names.includes(name!)) this.fail(`name ${show(name)} is taken by another Service of this VM: pass another name`);
    const ports = options.ports;
    if (!Array.isArray(ports) || ports.length === 0) this.fail('ports is empty: list the ports to expose, e.g. [{ port: 22 }]');
    ports.forEach((p, i) => this.checkPort(p, i, ports.length, type));
    return { type, name: name!, ports };
  }

  private checkPort(p: VirtualMachineServicePort, i: number, count: number, type: kplus.ServiceType): void {
    if (typeof p !== 'object' || p === null) this.fail(`ports[${i}] ${show(p)} must be an object such as { port: 22 }`);
    const portProblem = portNumberProblem(p.port);
    if (portProblem) this.fail(`ports[${i}].port ${show(p.port)} ${portProblem}`);
    if (count > 1 && p.name === undefined) this.fail(`ports[${i}] needs a name: a Service with several ports must name each one`);
    if (p.name !== undefined) {
      const problem = dnsLabelProblem(p.name);
      if (problem) this.fail(`ports[${i}].name ${show(p.name)} ${problem}`);
    }
    if (p.nodePort !== undefined) {
      if (type === kplus.ServiceType.CLUSTER_IP) this.fail(`ports[${i}].nodePort needs type NodePort or LoadBalancer`);
      const nodePortProblem = portNumberProblem(p.nodePort);
      if (nodePortProblem) this.fail(`ports[${i}].nodePort ${show(p.nodePort)} ${nodePortProblem} (usually 30000-32767)`);
    }
    const protocol = p.protocol ?? PortProtocol.TCP;
    const badProtocol = notOneOf(protocol, PortProtocol);
    if (badProtocol) this.fail(`ports[${i}].protocol ${show(protocol)} ${badProtocol}`);
    if (p.targetPort !== undefined && typeof p.targetPort !== 'number' && typeof p.targetPort !== 'string') {
      this.fail(`ports[${i}].targetPort ${show(p.targetPort)} must be a port number or the name of a port in podNetwork.ports`);
    }
    const problem = this.interfaces.servicePortProblem(p.targetPort ?? p.port);
    if (problem) this.fail(`ports[${i}]: ${problem}`);
  }

  private fail(problem: string): never {
    throw constructError(this.vm, `exposeViaService: ${problem}`);
  }
}

/** `ServiceBindOptions` with a target port that may be a name, as a VM's guest ports may be. */
interface GuestPortOptions extends Omit<kplus.ServiceBindOptions, 'targetPort'> {
  readonly targetPort?: number | string;
}

/**
 * cdk8s-plus' Service, as a VM's Service is written: a target port may name a port of the pod
 * network (cdk8s-plus binds numbers only), and no empty `externalIPs` (cdk8s-plus writes one).
 */
class VmService extends kplus.Service {
  /** Named target ports, by the index of their port (made by the first: most Services have none, and a VM fleet has thousands). */
  private namedTargets?: Map<number, string>;

  /** Binds a port whose target may be a port name. */
  public bindGuestPort(port: number, options: GuestPortOptions): void {
    const { targetPort, ...rest } = options;
    if (typeof targetPort === 'string') (this.namedTargets ??= new Map()).set(this.ports.length, targetPort);
    this.bind(port, { ...rest, targetPort: typeof targetPort === 'number' ? targetPort : undefined });
  }

  /** @internal */
  public _toKube(): k8s.ServiceSpec {
    const spec = super._toKube();
    return {
      ...spec,
      externalIPs: spec.externalIPs?.length ? spec.externalIPs : undefined,
      ports: spec.ports?.map((p, i) => {
        const named = this.namedTargets?.get(i);
        return named === undefined ? p : { ...p, targetPort: k8s.IntOrString.fromString(named) };
      }),
    };
  }
}
