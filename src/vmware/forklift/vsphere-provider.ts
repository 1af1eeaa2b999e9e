import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-32';
import { Construct } from 'constructs';
import { IForkliftProvider } from './forklift-provider';
import { base64 } from '../../common/base64';
import { assertFactoryValue, assertPropsObject, constructError, FactoryValue, notOneOf, show } from '../../common/errors';
import { objectNameProblem } from '../../common/names';
import { thumbprintProblem, urlHasCredentials, urlProtocol } from '../../common/url';
import { KubeResource } from '../../core/kube-resource';
import { forkliftL1 } from '../../core/module-on-first-use';
import { withdrawRefused } from '../../network/refused-construct';

/** Which vSphere API the provider talks to. */
export enum VsphereEndpoint {
  VCENTER = 'vcenter',
  ESXI = 'esxi',
}

/** How the provider's server certificate is trusted. */
interface CredentialValues {
  readonly user: string;
  readonly password: string;
  /** SHA-1 thumbprint of vCenter's certificate, `AB:CD:...`. */
  readonly thumbprint?: string;
  /** PEM CA certificate that signs vCenter's certificate. */
  readonly caCert?: string;
}

/** What is wrong with credential values (the first problem), or undefined. */
function credentialValuesProblem(values: CredentialValues): string | undefined {
  if (typeof values?.user !== 'string' || values.user.trim() === '') return 'user is empty: give the vCenter user, e.g. "migration@vsphere.local"';
  if (typeof values.password !== 'string' || values.password === '') return 'password is empty';
  if ((values.thumbprint === undefined) === (values.caCert === undefined)) {
    return 'give exactly one of thumbprint (the SHA-1 fingerprint of vCenter\'s certificate) or caCert (the PEM CA that signs it), so the connection is verified';
  }
  const thumbprint = values.thumbprint === undefined ? undefined : thumbprintProblem(values.thumbprint);
  if (thumbprint) return `thumbprint ${show(values.thumbprint)} ${thumbprint}`;
  if (values.caCert !== undefined && (typeof values.caCert !== 'string' || !values.caCert.includes('-----BEGIN CERTIFICATE-----'))) {
    return 'caCert is not a PEM certificate (-----BEGIN CERTIFICATE-----)';
  }
  return undefined;
}

/**
 * The vCenter credentials of a `VsphereProvider`: an existing Secret (best for Git: create it
 * with sealed-secrets or an external secrets operator), or values written into a Secret here
 * (never into the Provider).
 */
export class VsphereCredentials extends FactoryValue {
  /** An existing Secret with `user`, `password` and `thumbprint` or `cacert`. */
  public static fromSecret(secretName: string): VsphereCredentials {
    return new VsphereCredentials(secretName)._problem('VsphereCredentials.fromSecret', objectNameProblem('secret name', secretName));
  }

  /**
   * User and password (and how to trust vCenter's certificate), written into a Secret next to
   * the Provider. Read them from the environment or a vault, not from source code.
   */
  public static fromValues(values: CredentialValues): VsphereCredentials {
    return new VsphereCredentials(undefined, values)._problem('VsphereCredentials.fromValues', credentialValuesProblem(values));
  }

  private constructor(public readonly secretName?: string, private readonly values?: CredentialValues) {
    super();
  }

  /** The Secret's data (base64), for generated credentials. @internal */
  public _secretData(url: string): Record<string, string> | undefined {
    const v = this.values;
    if (!v) return undefined;
    return {
      user: base64(v.user),
      password: base64(v.password),
      ...(v.thumbprint !== undefined ? { thumbprint: base64(v.thumbprint.toUpperCase()) } : {}),
      ...(v.caCert !== undefined ? { cacert: base64(v.caCert) } : {}),
      insecureSkipVerify: base64('false'),
      url: base64(url),
    };
  }
}

/** Properties of `VsphereProvider`. */
export interface VsphereProviderProps {
  /**
   * Name and namespace (Forklift's, e.g. `openshift-mtv`).
   * @default - a name generated from the construct path; the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /** vCenter's SDK endpoint, e.g. `https://vcenter.example.com/sdk`. */
  readonly url: string;
  /** Credentials, kept in a Secret. */
  readonly credentials: VsphereCredentials;
  /**
   * Container image with VMware's VDDK library, which makes disk transfer much faster.
   * @default - none (Forklift warns and transfers slowly)
   */
  readonly vddkInitImage?: string;
  /** @default VsphereEndpoint.VCENTER */
  readonly sdkEndpoint?: VsphereEndpoint;
}

/**
 * A vSphere source for Forklift / Migration Toolkit for Virtualization (`Provider`,
 * forklift.konveyor.io/v1beta1), with its credentials in a Secret.
 *
 * @see https://github.com/kubev2v/forklift
 */
export class VsphereProvider extends KubeResource implements IForkliftProvider {
  /** @see kplus.Resource */
  public readonly resourceType = 'providers';
  public readonly providerType = 'vsphere';
  /** The Provider object. */
  public readonly apiObject: ApiObject;
  /** The Secret holding the credentials. */
  public readonly secretName: string;

  public constructor(scope: Construct, id: string, props: VsphereProviderProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'VsphereProviderProps', '{ url: "https://vcenter.example.com/sdk", credentials: VsphereCredentials.fromSecret("vcenter") }');
      const endpoint = this.validateProps(props);
      this.apiObject = new ApiObject(this, 'Resource', {
        ...forkliftL1().Provider.GVK,
        metadata: props.metadata,
        spec: Lazy.any({
          produce: () => ({
            type: 'vsphere',
            url: props.url,
            // Forklift wants the Secret's namespace spelled out.
            secret: { name: this.secretName, ...(this.namespace !== undefined ? { namespace: this.namespace } : {}) },
            settings: { sdkEndpoint: endpoint, ...(props.vddkInitImage !== undefined ? { vddkInitImage: props.vddkInitImage } : {}) },
          }),
        }),
      });
      this.secretName = props.credentials.secretName ?? `${this.name}-credentials`;
      const data = props.credentials._secretData(props.url);
      if (data) {
        new k8s.KubeSecret(this, 'Credentials', {
          metadata: {
            ...this.childMetadata(this.secretName),
            labels: { createdForProviderType: 'vsphere', createdForResourceType: 'providers' },
          },
          type: 'Opaque',
          data,
        });
      }
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }

  /** Checks the props (before any object is created); returns the SDK endpoint. */
  private validateProps(props: VsphereProviderProps): VsphereEndpoint {
    const fail = (problem: string): never => {
      throw constructError(this, problem);
    };
    if (urlProtocol(props.url) !== 'https:') fail(`url ${show(props.url)} is not an https URL: use vCenter's SDK endpoint, e.g. "https://vcenter.example.com/sdk"`);
    if (urlHasCredentials(props.url)) fail('url carries credentials: give them as credentials (kept in a Secret), never in the URL');
    if (!(props.credentials instanceof VsphereCredentials)) fail('credentials must be VsphereCredentials.fromSecret("...") or VsphereCredentials.fromValues({ ... })');
    assertFactoryValue(this, 'credentials', props.credentials);
    const endpoint = props.sdkEndpoint ?? VsphereEndpoint.VCENTER;
    const badEndpoint = notOneOf(endpoint, VsphereEndpoint);
    if (badEndpoint) fail(`sdkEndpoint ${show(endpoint)} ${badEndpoint}`);
    if (props.vddkInitImage !== undefined && (/\s/.test(props.vddkInitImage) || props.vddkInitImage.includes('://') || props.vddkInitImage === '')) {
      fail(`vddkInitImage ${show(props.vddkInitImage)} is not a container image reference: e.g. "registry.example.com/vddk:8.0.3"`);
    }
    this.assertMetadataName(props.metadata);
    return endpoint;
  }
}
