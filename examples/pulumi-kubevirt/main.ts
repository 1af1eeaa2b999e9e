// `npx cdk8s synth`: the KubeVirt and CDI CRs as YAML (apply the operators' release manifests first).
import { UpstreamRuntime } from './runtime';
import { VirtualizationApp } from 'kubevirt-constructs';

const app = new VirtualizationApp();
new UpstreamRuntime(app, 'pulumi-kubevirt', { emulation: true });
app.synth();
