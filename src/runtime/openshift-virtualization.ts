import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-32';
import { Construct } from 'constructs';
import { HyperConverged, HyperConvergedProps } from './hyperconverged';
import { withoutNamespace } from '../common/cluster-scoped';
import { assertPropsObject, constructError, notOneOf, show } from '../common/errors';
import { dnsLabelProblem, dnsSubdomainProblem } from '../common/names';
import { compact } from '../common/objects';
import { olmL1 } from '../core/module-on-first-use';
import { DeploymentPhase, setDeploymentPhase } from '../gitops/deployment-phase';
import { withdrawRefused } from '../network/refused-construct';
import { AppValidation } from '../validation/app-validation';

/** Which build of the operator to install, and from which catalog. */
export enum OperatorPreset {
  /** OpenShift Virtualization from Red Hat's catalog (namespace openshift-cnv). */
  OPENSHIFT = 'openshift',
  /** The community HyperConverged operator for OKD (namespace kubevirt-hyperconverged). */
  OKD = 'okd',
}

/** Whether OLM installs operator updates by itself. */
export enum InstallPlanApproval {
  AUTOMATIC = 'Automatic',
  /** Every update waits for someone to approve its InstallPlan. */
  MANUAL = 'Manual',
}

/** The OLM Subscription of the operator. */
export interface OperatorSubscriptionOptions {
  /** @default "hco-operatorhub" */
  readonly name?: string;
  /** @default "kubevirt-hyperconverged" (OKD: "community-kubevirt-hyperconverged") */
  readonly package?: string;
  /** @default "stable" */
  readonly channel?: string;
  /** Catalog source. @default "redhat-operators" (OKD: "community-operators") */
  readonly source?: string;
  /** @default "openshift-marketplace" */
  readonly sourceNamespace?: string;
  /** Install exactly this version first, e.g. "kubevirt-hyperconverged-operator.v4.18.3". @default - the channel's latest */
  readonly startingCSV?: string;
  /** @default InstallPlanApproval.AUTOMATIC */
  readonly installPlanApproval?: InstallPlanApproval;
}

/** Properties of `OpenShiftVirtualization`. */
export interface OpenShiftVirtualizationProps {
  /** @default OperatorPreset.OPENSHIFT */
  readonly preset?: OperatorPreset;
  /** The operator's namespace. @default "openshift-cnv" (OKD: "kubevirt-hyperconverged") */
  readonly namespace?: string;
  /**
   * Install the operator here (Namespace, OperatorGroup, Subscription). Set to false when the
   * operator is installed some other way; only the HyperConverged CR is written then.
   * @default true
   */
  readonly manageOperator?: boolean;
  /** @default "kubevirt-hyperconverged-group" */
  readonly operatorGroupName?: string;
  /** @default - the preset's catalog, channel stable, automatic approval */
  readonly subscription?: OperatorSubscriptionOptions;
  /**
   * Software emulation for nodes without hardware virtualization (nested labs, CI). With a
   * managed operator this sets `KVM_EMULATION=true` on it through the Subscription (the supported
   * way); otherwise it falls back to a JSON patch in the HyperConverged CR (unsupported: the
   * operator reports a tainted configuration).
   * @default false
   */
  readonly emulation?: boolean;
  /** The HyperConverged CR's settings. @default - the operator's defaults */
  readonly hyperConverged?: Omit<HyperConvergedProps, 'namespace' | 'emulation'>;
}

const PRESETS: Record<OperatorPreset, { namespace: string; package: string; source: string }> = {
  [OperatorPreset.OPENSHIFT]: { namespace: 'openshift-cnv', package: 'kubevirt-hyperconverged', source: 'redhat-operators' },
  [OperatorPreset.OKD]: { namespace: 'kubevirt-hyperconverged', package: 'community-kubevirt-hyperconverged', source: 'community-operators' },
};

/**
 * OpenShift Virtualization (or its OKD build) installed through OLM, with its HyperConverged
 * cluster: Namespace (cluster monitoring on), OperatorGroup, Subscription, HyperConverged CR.
 */
export class OpenShiftVirtualization extends Construct {
  /** The operator's namespace. */
  public readonly namespace: string;
  /** The HyperConverged CR. */
  public readonly hyperConverged: HyperConverged;
  /** The Subscription, when the operator is managed here. */
  public readonly subscription?: ApiObject;

  public constructor(scope: Construct, id: string, props: OpenShiftVirtualizationProps = {}) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'OpenShiftVirtualizationProps', '{ preset: OperatorPreset.OPENSHIFT }');
      AppValidation.of(this);
      const preset = props.preset ?? OperatorPreset.OPENSHIFT;
      const badPreset = notOneOf(preset, OperatorPreset);
      if (badPreset) throw constructError(this, `preset ${show(preset)} ${badPreset}`);
      this.namespace = props.namespace ?? PRESETS[preset].namespace;
      const nsProblem = dnsLabelProblem(this.namespace);
      if (nsProblem) throw constructError(this, `namespace ${show(this.namespace)} ${nsProblem}`);
      const manageOperator = props.manageOperator ?? true;
      if (!manageOperator && (props.subscription !== undefined || props.operatorGroupName !== undefined)) {
        throw constructError(this, 'subscription and operatorGroupName configure the operator install, but manageOperator is false: drop them, or let this construct install the operator');
      }
      if (manageOperator) {
        this.checkOperatorInstall(props);
        this.subscription = this.installOperator(props, PRESETS[preset]);
      }
      this.hyperConverged = new HyperConverged(this, 'HyperConverged', {
        ...props.hyperConverged,
        namespace: this.namespace,
        emulation: !manageOperator && props.emulation,
      });
      setDeploymentPhase(this, DeploymentPhase.OPERATORS);
      setDeploymentPhase(this.hyperConverged, DeploymentPhase.CLUSTER);
    } catch (error) {
      // The operator install is created before the HyperConverged is checked: a refusal takes both out.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }

  /** Checks the names of the OLM objects (before any is created). */
  private checkOperatorInstall(props: OpenShiftVirtualizationProps): void {
    const sub = props.subscription ?? {};
    for (const [field, value] of [
      ['subscription.name', sub.name], ['subscription.package', sub.package], ['subscription.source', sub.source],
      ['subscription.sourceNamespace', sub.sourceNamespace], ['subscription.startingCSV', sub.startingCSV],
      ['operatorGroupName', props.operatorGroupName],
    ] as const) {
      const problem = value === undefined ? undefined : dnsSubdomainProblem(value);
      if (problem) throw constructError(this, `${field} ${show(value)} ${problem}`);
    }
    if (sub.channel !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(sub.channel)) {
      throw constructError(this, `subscription.channel ${show(sub.channel)} is not a channel name: use e.g. "stable" or "candidate"`);
    }
    const badApproval = sub.installPlanApproval === undefined ? undefined : notOneOf(sub.installPlanApproval, InstallPlanApproval);
    if (badApproval) throw constructError(this, `subscription.installPlanApproval ${show(sub.installPlanApproval)} ${badApproval}`);
  }

  /** Namespace (cluster monitoring on), OperatorGroup and Subscription; returns the Subscription. */
  private installOperator(props: OpenShiftVirtualizationProps, defaults: { package: string; source: string }): ApiObject {
    const sub = props.subscription ?? {};
    withoutNamespace(new k8s.KubeNamespace(this, 'Namespace', {
      metadata: { name: this.namespace, labels: { 'openshift.io/cluster-monitoring': 'true' } },
    }));
    new (olmL1().OperatorGroup)(this, 'OperatorGroup', {
      metadata: { name: props.operatorGroupName ?? 'kubevirt-hyperconverged-group', namespace: this.namespace },
      spec: { targetNamespaces: [this.namespace] },
    });
    return new ApiObject(this, 'Subscription', {
      ...olmL1().Subscription.GVK,
      metadata: { name: sub.name ?? 'hco-operatorhub', namespace: this.namespace },
      spec: compact({
        name: sub.package ?? defaults.package,
        channel: sub.channel ?? 'stable',
        source: sub.source ?? defaults.source,
        sourceNamespace: sub.sourceNamespace ?? 'openshift-marketplace',
        startingCSV: sub.startingCSV,
        installPlanApproval: sub.installPlanApproval ?? InstallPlanApproval.AUTOMATIC,
        // The operator's supported switch for nodes without /dev/kvm.
        config: props.emulation ? { env: [{ name: 'KVM_EMULATION', value: 'true' }] } : undefined,
      }),
    });
  }
}
