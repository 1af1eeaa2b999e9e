import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { KubeObject, apiGroupOf } from '../model/object-index';

/** The label KubeVirt puts on every virt-launcher pod: what `exposeViaService` selects. */
const VM_NAME_LABEL = 'vm.kubevirt.io/name';

/** One port of a Service that reaches a VM. */
export interface VmServicePort {
  readonly name?: string;
  readonly port: number;
  readonly targetPort?: number | string;
  readonly protocol: string;
  readonly nodePort?: number;
}

/** A Service whose selector matches a VM's pod. */
export interface VmService {
  readonly name: string;
  readonly type: string;
  readonly ports: VmServicePort[];
}

/** The labels a VM's virt-launcher pod carries that a Service can select: the template's and KubeVirt's name label. */
function podLabels(vm: KubeObject): Record<string, string> {
  return { ...(vm.spec?.template?.metadata?.labels ?? {}), [VM_NAME_LABEL]: vm.metadata?.name };
}

/** The Services among `objects` that select the VM's pod (same namespace, every selector label matching). */
export function servicesOf(vm: KubeObject, objects: KubeObject[]): VmService[] {
  const labels = podLabels(vm);
  return objects
    .filter((o) => o.kind === 'Service' && apiGroupOf(o.apiVersion) === '' && o.metadata?.namespace === vm.metadata?.namespace)
    .filter((service) => {
      const selector: Record<string, string> = service.spec?.selector ?? {};
      const entries = Object.entries(selector);
      return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
    })
    .map((service) => ({
      name: service.metadata.name,
      type: service.spec?.type ?? 'ClusterIP',
      ports: (service.spec?.ports ?? []).map((p: KubeObject) => ({
        ...(p.name !== undefined ? { name: p.name } : {}),
        port: p.port,
        ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}),
        protocol: p.protocol ?? 'TCP',
        ...(p.nodePort !== undefined ? { nodePort: p.nodePort } : {}),
      })),
    }));
}

/**
 * The guest's addresses as its VirtualMachineInstance reports them (`status.interfaces[].ipAddresses`,
 * or `ipAddress`), read after `vm` is created and Ready.
 *
 * The read's ID is the VM resource's own ID (`namespace/name`, the VMI's too), so it is unknown
 * until the VM exists: the engine skips reads with an unknown ID during previews
 * (pulumi/pulumi pkg/resource/deploy/step.go `ReadStep.Apply`) and reads the VMI after the VM's
 * `pulumi.com/waitFor: condition=Ready` held. Addresses of secondary networks need the guest
 * agent; pod-network addresses come from the pod. Nothing is deleted on destroy: a read resource
 * is only dropped from the state.
 */
export function guestIpAddresses(name: string, vm: pulumi.CustomResource, opts: pulumi.CustomResourceOptions): pulumi.Output<string[]> {
  // The constructor with an `id` reads the object (what CustomResource.get does); naming
  // `status` among the properties makes it an output of the read.
  const vmi = new k8s.apiextensions.CustomResource(name, {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstance',
    status: undefined,
  }, { ...opts, id: vm.id });
  return ((vmi as any).status as pulumi.Output<KubeObject | undefined>).apply((status) => addressesOf(status));
}

/** The addresses of a VMI status, each once, in interface order. */
export function addressesOf(status: KubeObject | undefined): string[] {
  const addresses: string[] = [];
  for (const iface of status?.interfaces ?? []) {
    const listed: unknown[] = Array.isArray(iface?.ipAddresses) ? iface.ipAddresses : [iface?.ipAddress];
    for (const address of listed) {
      if (typeof address === 'string' && address !== '' && !addresses.includes(address)) addresses.push(address);
    }
  }
  return addresses;
}
