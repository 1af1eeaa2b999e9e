// `npx cdk8s synth`: the same VMs as YAML, for a GitOps repository.
import { App } from 'cdk8s';
import { AppVms } from './vms';

const app = new App();
new AppVms(app, 'pulumi-openshift', { namespace: 'apps' });
app.synth();
