// `npx cdk8s synth`: the KubeVirt and CDI CRs as YAML (apply the operators' release manifests first).
import { App } from 'cdk8s';
import { UpstreamRuntime } from './runtime';

const app = new App();
new UpstreamRuntime(app, 'pulumi-kubevirt', { emulation: true });
app.synth();
