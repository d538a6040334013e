// The `tls` and `cloud` connection options: their shapes, their checks, and the driver options they
// become. Key material is checked by its form only; no message here ever quotes a value.
import type { ClientOptions } from 'cassandra-driver';
import { ConfigurationError } from './errors/configuration-error';
import { assertKnownOptions } from './known-options';
import { copyOwnProperties } from './own-properties';
import { keyMaterialSecrets } from './secrets';

/** PEM text, as a string or a Buffer holding it. */
export type PemMaterial = string | Buffer;

/** Client-to-node encryption: whom to trust, and optionally who the client is. */
export interface TlsOptions {
  /** CA certificate(s) the node's certificate must chain to (PEM); default: Node's public CA list. */
  ca?: PemMaterial | PemMaterial[];
  /** The client's certificate chain (PEM), for nodes that require client certificates; needs `key`. */
  cert?: PemMaterial;
  /** The client's private key (PEM); never shown in a message, log line or event. Needs `cert`. */
  key?: PemMaterial;
  /** Passphrase of an encrypted `key`; never shown either. */
  passphrase?: string;
  /** The name the node's certificate must carry (and the SNI sent); default: the host connected to. */
  serverName?: string;
  /** Check that the node's certificate names the host (or `serverName`); default true. The CA check always applies. */
  checkServerName?: boolean;
}

/** A DataStax Astra-style secure connect bundle: it names the hosts, the datacenter and the TLS material. */
export interface CloudOptions {
  /** Path (or file URL) of the bundle's zip file. */
  secureConnectBundle: string | URL;
}

/** What the `tls` option becomes: the driver's sslOptions and the strings to keep out of messages. */
export interface TlsPlan {
  sslOptions: NonNullable<ClientOptions['sslOptions']>;
  secrets: string[];
}

const TLS_KEYS = new Set(['ca', 'cert', 'key', 'passphrase', 'serverName', 'checkServerName']);
const CLOUD_KEYS = new Set(['secureConnectBundle']);
const PEM_BEGIN = '-----BEGIN ';

/** Checks the `tls` option (ConfigurationError, never quoting a value) and plans the driver's sslOptions. */
export function planTls(label: string, value: unknown): TlsPlan {
  if (!isPlainOptionObject(value)) {
    throw new ConfigurationError(`Option tls of connection ${label} must be an object { ca?, cert?, key?, passphrase?, serverName?, checkServerName? }, got ${kindOf(value)}.`);
  }
  const given = copyOwnProperties(value) as Record<string, unknown>;
  assertKnownOptions(given, TLS_KEYS, `tls of connection ${label}`);
  const where = (key: string) => `Option tls.${key} of connection ${label}`;

  const ca = given.ca === undefined ? undefined : Array.isArray(given.ca) ? [...(given.ca as unknown[])] : [given.ca];
  if (ca !== undefined) {
    if (ca.length === 0) throw new ConfigurationError(`${where('ca')} must hold at least one PEM certificate.`);
    ca.forEach((item, i) => checkPem(item, where(Array.isArray(given.ca) ? `ca[${i}]` : 'ca'), 'CERTIFICATE'));
  }
  if (given.cert !== undefined) checkPem(given.cert, where('cert'), 'CERTIFICATE');
  if (given.key !== undefined) checkPem(given.key, where('key'), 'PRIVATE KEY');
  if ((given.cert === undefined) !== (given.key === undefined)) {
    throw new ConfigurationError(
      `Option tls of connection ${label} has a client ${given.cert === undefined ? 'key without its cert' : 'cert without its key'}: give both (a client certificate needs its private key), or neither.`,
    );
  }
  if (given.passphrase !== undefined && (typeof given.passphrase !== 'string' || given.key === undefined)) {
    throw new ConfigurationError(`${where('passphrase')} must be a string, and only comes with tls.key.`);
  }
  if (given.serverName !== undefined && (typeof given.serverName !== 'string' || given.serverName.length === 0)) {
    throw new ConfigurationError(`${where('serverName')} must be a non-empty host name.`);
  }
  if (given.checkServerName !== undefined && typeof given.checkServerName !== 'boolean') {
    throw new ConfigurationError(`${where('checkServerName')} must be a boolean.`);
  }

  // The driver's own default is rejectUnauthorized: false; Cassia always verifies the chain.
  const sslOptions: TlsPlan['sslOptions'] = { rejectUnauthorized: true };
  if (ca !== undefined) sslOptions.ca = ca as PemMaterial[];
  if (given.cert !== undefined) sslOptions.cert = given.cert as PemMaterial;
  if (given.key !== undefined) sslOptions.key = given.key as PemMaterial;
  if (given.passphrase !== undefined) sslOptions.passphrase = given.passphrase as string;
  if (given.serverName !== undefined) sslOptions.servername = given.serverName as string;
  if (given.checkServerName === false) sslOptions.checkServerIdentity = () => undefined;

  const secrets = given.key === undefined ? [] : keyMaterialSecrets(given.key as PemMaterial);
  if (typeof given.passphrase === 'string') secrets.push(given.passphrase);
  return { sslOptions, secrets };
}

/** Checks the `cloud` option (ConfigurationError) and plans the driver's `cloud` option. */
export function planCloud(label: string, value: unknown): NonNullable<ClientOptions['cloud']> {
  if (!isPlainOptionObject(value)) {
    throw new ConfigurationError(`Option cloud of connection ${label} must be an object { secureConnectBundle }, got ${kindOf(value)}.`);
  }
  const given = copyOwnProperties(value) as Record<string, unknown>;
  assertKnownOptions(given, CLOUD_KEYS, `cloud of connection ${label}`);
  const bundle = given.secureConnectBundle;
  if (!((typeof bundle === 'string' && bundle.length > 0) || bundle instanceof URL)) {
    throw new ConfigurationError(`Option cloud.secureConnectBundle of connection ${label} must be the path (a non-empty string) or file URL of the bundle's zip file.`);
  }
  return { secureConnectBundle: bundle as string };
}

// Form checks only: a PEM block of the right kind. The text itself is never echoed, since a key
// given where a certificate belongs must not end up in a message.
function checkPem(value: unknown, where: string, kind: 'CERTIFICATE' | 'PRIVATE KEY'): void {
  const text = typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('latin1') : undefined;
  if (text === undefined) {
    throw new ConfigurationError(`${where} must be PEM text (a string or Buffer), got ${kindOf(value)}.`);
  }
  const begin = text.indexOf(PEM_BEGIN);
  const header = begin < 0 ? '' : text.slice(begin + PEM_BEGIN.length, text.indexOf('-----', begin + PEM_BEGIN.length));
  const matches = kind === 'CERTIFICATE' ? header === 'CERTIFICATE' || header === 'TRUSTED CERTIFICATE' : header.endsWith('PRIVATE KEY');
  if (!matches) {
    throw new ConfigurationError(
      `${where} must be PEM text holding a '-----BEGIN ${kind === 'CERTIFICATE' ? 'CERTIFICATE' : '... PRIVATE KEY'}-----' block ` +
        `(the value is withheld from messages; export it with keytool -exportcert -rfc or openssl).`,
    );
  }
}

function isPlainOptionObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

// The kind of a value and never its text: a string here may be key material.
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (Buffer.isBuffer(value)) return 'a Buffer';
  return `a ${typeof value}`;
}
