// The upstream runtime as cdk8s constructs: the KubeVirt and CDI CRs. index.ts installs the same
// CRs with `pulumi up`, after the operators' release manifests.
import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { Cdi, KubeVirt } from 'kubevirt-constructs';

export class UpstreamRuntime extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps & { emulation?: boolean } = {}) {
    super(scope, id, props);
    new KubeVirt(this, 'kubevirt', { emulation: props.emulation });
    new Cdi(this, 'cdi');
  }
}
