// A Pulumi program as a user writes it, run under Pulumi's unit-test mocks (no Pulumi CLI,
// no cluster): a cdk8s chart with one VM, deployed with ChartDeployment. The smoke test
// type-checks it under moduleResolution node10 and node16, then runs it with ts-node.
import * as pulumi from '@pulumi/pulumi';
import { App, Chart, Size } from 'cdk8s';
import { VirtualMachine, VolumeSource } from 'kubevirt-constructs';
import { ChartDeployment } from 'kubevirt-constructs/pulumi';

const registeredTypes: string[] = [];
void pulumi.runtime.setMocks({
  newResource: (args) => {
    registeredTypes.push(args.type);
    return { id: `${args.name}-id`, state: args.inputs };
  },
  call: (args) => args.inputs,
}, 'smoke', 'test', false);

const app = new App();
const chart = new Chart(app, 'vms', { namespace: 'vms' });
const vm = new VirtualMachine(chart, 'fedora', { metadata: { name: 'fedora' }, cpu: { cores: 1 }, memory: Size.gibibytes(2) });
vm.addDisk('rootdisk', VolumeSource.containerDisk('quay.io/containerdisks/fedora:40'));
const deployment = new ChartDeployment('vms', { chart: app });

// Failed until the deployment's objects are seen: an Output that never resolves must fail too.
process.exitCode = 1;

deployment.urns.apply((urns) => {
  const vmUrn = urns['VirtualMachine/vms/fedora'];
  if (!vmUrn || !registeredTypes.some((type) => type.endsWith(':VirtualMachine'))) {
    console.error(`ChartDeployment registered no VirtualMachine vms/fedora: ${JSON.stringify(urns)}; types ${registeredTypes.join(', ')}`);
    return;
  }
  process.exitCode = 0;
  console.log(`ChartDeployment registered ${Object.keys(urns).length} objects under mocks: ${Object.keys(urns).join(', ')}`);
});
