// `pulumi up`: install OpenShift Virtualization through OLM, wait until HyperConverged is
// Available, then create the VMs of vms.ts and wait until they are Ready (`pulumi destroy`
// deletes the VMs and keeps their disks and the namespace that holds them).
import * as pulumi from '@pulumi/pulumi';
import { App } from 'cdk8s';
import { AppVms } from './vms';
import { ChartDeployment, VirtualizationRuntime } from 'kubevirt-constructs/pulumi';

const config = new pulumi.Config();

const runtime = new VirtualizationRuntime('virtualization', {
  mode: 'openshift',
  // Nodes without /dev/kvm (nested clouds, CI) need software emulation.
  emulation: config.getBoolean('emulation') ?? false,
  channel: config.get('channel') ?? 'stable',
});

const app = new App();
new AppVms(app, 'apps', { namespace: 'apps' });
const vms = new ChartDeployment('apps', { chart: app }, { dependsOn: [runtime] });

export const runtimeObjects = runtime.urns;
export const vmObjects = vms.urns;
// Per VM: the Services that reach it (names and ports) and its addresses once Ready.
export const vmServices = Object.fromEntries(['app-1', 'app-2'].map((vm) => [vm, vms.servicesOf('apps', vm)]));
export const vmAddresses = Object.fromEntries(['app-1', 'app-2'].map((vm) => [vm, vms.guestIpAddresses('apps', vm)]));
