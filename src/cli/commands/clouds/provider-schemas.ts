/**
 * What the client knows about each cloud type without asking a provider: the
 * auth types a credential may use and their attributes (which ones are
 * secret, optional, or read from a file), the description Juju gives a cloud
 * of that type, and which types `add-cloud` can define interactively.
 *
 * Juju asks each registered provider for these; this client only ships the
 * `local` provider, so the other types are described here from Juju's
 * documented credential formats so their clouds and credentials can still be
 * stored, listed and uploaded.
 */
import { JujuError, ErrorCode } from '../../../core/errors.js';

/** One attribute of a credential auth type. */
export interface CredentialAttribute {
  readonly name: string;
  readonly description: string;
  /** Secret: removed from listings unless `--show-secrets`, not echoed when typed. */
  readonly hidden?: boolean;
  readonly optional?: boolean;
  /** The name of an alternative attribute holding a path to read the value from. */
  readonly fileAttr?: string;
  /** Allowed values (the first is the default). */
  readonly options?: readonly string[];
}

/** What a cloud type needs to define a cloud interactively. */
export interface CloudQuestions {
  /** The endpoint prompt, or undefined when the type has no endpoint. */
  readonly endpoint?: string;
  /** Whether the type has named regions to ask for. */
  readonly regions: boolean;
  /** The auth types written into a cloud defined interactively. */
  readonly authTypes: readonly string[];
}

export interface ProviderSchema {
  /** Auth type → its attributes, in prompt order. */
  readonly credentials: Readonly<Record<string, readonly CredentialAttribute[]>>;
  readonly description: string;
  /** Present for types `add-cloud` can define interactively. */
  readonly interactive?: CloudQuestions;
}

const attr = (
  name: string,
  description: string,
  extra: Partial<CredentialAttribute> = {},
): CredentialAttribute => ({
  name,
  description,
  ...extra,
});

const PROVIDERS: Readonly<Record<string, ProviderSchema>> = {
  local: {
    description: 'Network-namespace machines on this host',
    credentials: { empty: [] },
  },
  lxd: {
    description: 'LXD Container Hypervisor',
    credentials: {
      certificate: [
        attr('server-cert', 'the path to the PEM-encoded LXD server certificate file', {
          fileAttr: 'server-cert-path',
        }),
        attr('client-cert', 'the path to the PEM-encoded LXD client certificate file', {
          fileAttr: 'client-cert-path',
        }),
        attr('client-key', 'the path to the PEM-encoded LXD client key file', {
          hidden: true,
          fileAttr: 'client-key-path',
        }),
      ],
      interactive: [
        attr('trust-password', 'the LXD server trust password', { hidden: true, optional: true }),
      ],
    },
    interactive: {
      endpoint: 'Enter the API endpoint url for the remote LXD server: ',
      regions: true,
      authTypes: ['certificate', 'interactive'],
    },
  },
  manual: {
    description: '',
    credentials: { empty: [] },
    interactive: {
      endpoint:
        'Enter the ssh connection string for controller, username@<hostname or IP> or <hostname or IP>: ',
      regions: false,
      authTypes: [],
    },
  },
  maas: {
    description: 'Metal As A Service',
    credentials: { oauth1: [attr('maas-oauth', 'OAuth/API-key credentials for MAAS', { hidden: true })] },
    interactive: { endpoint: 'Enter the API endpoint url: ', regions: false, authTypes: ['oauth1'] },
  },
  openstack: {
    description: 'Openstack Cloud',
    credentials: {
      userpass: [
        attr('username', 'The username to authenticate with.'),
        attr('password', 'The password for the specified username.', { hidden: true }),
        attr('tenant-name', 'The OpenStack tenant name.', { optional: true }),
        attr('tenant-id', 'The Openstack tenant ID', { optional: true }),
        attr('version', 'The Openstack identity version', { optional: true }),
        attr('domain-name', 'The OpenStack domain name.', { optional: true }),
        attr('project-domain-name', 'The OpenStack project domain name.', { optional: true }),
        attr('user-domain-name', 'The OpenStack user domain name.', { optional: true }),
      ],
      'access-key': [
        attr('access-key', 'The access key to authenticate with.'),
        attr('secret-key', 'The secret key to authenticate with.', { hidden: true }),
        attr('tenant-name', 'The OpenStack tenant name.', { optional: true }),
        attr('tenant-id', 'The Openstack tenant ID', { optional: true }),
        attr('version', 'The Openstack identity version', { optional: true }),
      ],
    },
    interactive: {
      endpoint: 'Enter the API endpoint url for the cloud []: ',
      regions: true,
      authTypes: ['userpass', 'access-key'],
    },
  },
  vsphere: {
    description: 'VMWare vSphere',
    credentials: {
      userpass: [
        attr('user', 'The username to authenticate with.'),
        attr('password', 'The password to authenticate with.', { hidden: true }),
        attr('vmfolder', 'The folder to add VMs from the model.', { optional: true }),
      ],
    },
    interactive: { endpoint: 'Enter the vCenter address or URL: ', regions: true, authTypes: ['userpass'] },
  },
  ec2: {
    description: 'Amazon Web Services',
    credentials: {
      'access-key': [
        attr('access-key', 'The EC2 access key'),
        attr('secret-key', 'The EC2 secret key', { hidden: true }),
      ],
      'instance-role': [attr('instance-profile-name', 'The AWS Instance Profile name')],
    },
  },
  gce: {
    description: 'Google Cloud Platform',
    credentials: {
      jsonfile: [attr('file', 'path to the .json file containing a service account key for your project')],
      oauth2: [
        attr('client-id', 'client ID'),
        attr('client-email', 'client e-mail address'),
        attr('private-key', 'client secret', { hidden: true }),
        attr('project-id', 'project ID'),
      ],
    },
  },
  azure: {
    description: 'Microsoft Azure',
    credentials: {
      'service-principal-secret': [
        attr('application-id', 'Azure Active Directory application ID'),
        attr('subscription-id', 'Azure subscription ID'),
        attr('managed-subscription-id', 'Azure managed subscription ID', { optional: true }),
        attr('application-password', 'Azure Active Directory application password', { hidden: true }),
      ],
      interactive: [attr('subscription-id', 'Azure subscription ID')],
      'managed-identity': [
        attr('managed-identity-path', 'Azure managed identity path'),
        attr('subscription-id', 'Azure subscription ID'),
      ],
    },
  },
  oci: {
    description: 'Oracle Cloud Infrastructure',
    credentials: {
      httpsig: [
        attr('user', 'Username OCID'),
        attr('tenancy', 'Tenancy OCID'),
        attr('key', 'PEM encoded private key', { hidden: true, fileAttr: 'key-file' }),
        attr('pass-phrase', 'Passphrase used to unlock the key', { hidden: true, optional: true }),
        attr('fingerprint', 'Private key fingerprint'),
        attr('region', 'DEPRECATED: Region to log into', { optional: true }),
      ],
    },
  },
  equinix: {
    description: 'Equinix Metal',
    credentials: {
      'access-key': [
        attr('project-id', 'Packet project ID'),
        attr('api-token', 'Packet API token', { hidden: true }),
      ],
    },
  },
  kubernetes: {
    description: '',
    credentials: {
      certificate: [
        attr('ClientCertificateData', 'the kubernetes certificate data'),
        attr('Token', 'the kubernetes token', { hidden: true }),
      ],
      clientcertificate: [
        attr('ClientCertificateData', 'the kubernetes certificate data'),
        attr('ClientKeyData', 'the kubernetes private key data', { hidden: true }),
      ],
      oauth2: [attr('Token', 'the kubernetes token', { hidden: true })],
      oauth2withcert: [
        attr('ClientCertificateData', 'the kubernetes certificate data'),
        attr('ClientKeyData', 'the kubernetes private key data', { hidden: true }),
        attr('Token', 'the kubernetes token', { hidden: true }),
      ],
      userpass: [
        attr('username', 'the username for the kubernetes cluster'),
        attr('password', 'the password for the kubernetes cluster', { hidden: true }),
      ],
    },
  },
};

/**
 * Attribute names treated as secret for credentials of a cloud whose type is
 * unknown here (so nothing secret leaks from a listing).
 */
const GENERIC_SECRET_NAMES = new Set([
  'password',
  'secret-key',
  'private-key',
  'token',
  'Token',
  'client-key',
  'ClientKeyData',
  'application-password',
  'maas-oauth',
  'trust-password',
  'api-token',
  'key',
  'pass-phrase',
  'client-secret',
]);

/** The schema of a cloud type; throws Juju's `no registered provider for "x"`. */
export function providerSchema(cloudType: string): ProviderSchema {
  const schema = Object.hasOwn(PROVIDERS, cloudType) ? PROVIDERS[cloudType] : undefined;
  if (!schema)
    throw new JujuError(ErrorCode.NotFound, `no registered provider for ${JSON.stringify(cloudType)}`);
  return schema;
}

export function isKnownCloudType(cloudType: string): boolean {
  return Object.hasOwn(PROVIDERS, cloudType);
}

/** Cloud types that `add-cloud` can define interactively, sorted. */
export function interactiveCloudTypes(): string[] {
  return Object.keys(PROVIDERS)
    .filter((t) => PROVIDERS[t]?.interactive !== undefined)
    .sort();
}

/** The description Juju fills in for a cloud of this type that has none. */
export function defaultCloudDescription(cloudType: string): string {
  return (Object.hasOwn(PROVIDERS, cloudType) ? PROVIDERS[cloudType]?.description : undefined) ?? '';
}

/** Whether the attribute `name` of a credential for a cloud of `cloudType` is secret. */
export function isSecretAttribute(cloudType: string | undefined, authType: string, name: string): boolean {
  const schema =
    cloudType !== undefined && Object.hasOwn(PROVIDERS, cloudType) ? PROVIDERS[cloudType] : undefined;
  const attrs =
    schema && Object.hasOwn(schema.credentials, authType) ? schema.credentials[authType] : undefined;
  if (!attrs) return GENERIC_SECRET_NAMES.has(name);
  return attrs.some((a) => a.name === name && a.hidden === true);
}

/** A copy of the attributes with the secret ones removed. */
export function withoutSecrets(
  cloudType: string | undefined,
  authType: string,
  attributes: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attributes)) {
    if (!isSecretAttribute(cloudType, authType, k)) out[k] = v;
  }
  return out;
}
