// `npx cdk8s synth`: the same VMs as YAML, for a GitOps repository.
import { AppVms } from './vms';
import { VirtualizationApp } from 'kubevirt-constructs';

const app = new VirtualizationApp();
new AppVms(app, 'pulumi-openshift', { namespace: 'apps' });
app.synth();
