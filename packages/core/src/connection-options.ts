// What a connection can be registered with, and the checks that turn it into a driver client.
import { auth, Client, type ClientOptions, type types } from 'cassandra-driver';
import { toConsistencyCode, type Consistency } from './consistency';
import { describeValue, escapeInput } from './describe-value';
import { missingEncodingSettings, REQUIRED_DRIVER_ENCODING, REQUIRED_DRIVER_ENCODING_TEXT } from './driver-encoding';
import { ConfigurationError } from './errors/configuration-error';
import { assertIdentifier } from './identifiers';
import { isIntegerInRange } from './integer-checks';
import { assertKnownOptions } from './known-options';
import { copyOwnProperties, ownValue } from './own-properties';
import { DEFAULT_MAX_PREPARED } from './prepared-statement-sizing';
import { redactSecrets } from './secrets';
import { planCloud, planTls, type CloudOptions, type TlsOptions } from './tls-options';
import { applyRetryOptions, RETRY_OPTION_KEYS, type RetryConnectionOptions } from './retry-options';

/** Username and password for Cassandra's PasswordAuthenticator. */
export interface Credentials {
  username: string;
  password: string;
}

/** Driver options passed through; the ones Cassia sets from its own options are left out. */
export type PassThroughClientOptions = Omit<ClientOptions, 'contactPoints' | 'keyspace' | 'credentials'>;

/** How to reach a cluster when the registry creates (and owns) the driver client. */
export interface ConnectionOptions extends RetryConnectionOptions {
  /** Hosts, as `host` or `host:port`. */
  contactPoints: string[];
  /** The local datacenter's name (default `'datacenter1'`). */
  localDataCenter?: string;
  /** This connection's default keyspace; it need not exist yet. */
  keyspace?: string;
  /** Default consistency for statements on this connection. */
  consistency?: Consistency;
  /** Do not connect at registration; connect at first use. */
  lazyConnect?: boolean;
  /** If connecting fails, register anyway and try again at the next use. */
  retryConnect?: boolean;
  /** Plain-text credentials; never shown in messages or events. */
  credentials?: Credentials;
  /** Client-to-node encryption (the driver's sslOptions, with the certificate and server name checked). */
  tls?: TlsOptions;
  cloud?: never;
  /** Any other cassandra-driver ClientOptions. */
  clientOptions?: PassThroughClientOptions;
  /** Milliseconds statements in flight may take to finish when this connection is replaced or removed (default: the registry's). */
  drainTimeout?: number;
  /** Let query statements run in Cassandra's system keyspaces (refused by default). */
  allowSystemKeyspaces?: boolean;
  client?: never;
}

/** Reaching a cluster through a secure connect bundle (DataStax Astra), which names its hosts, datacenter and TLS material. */
export interface CloudConnectionOptions extends Omit<ConnectionOptions, 'contactPoints' | 'localDataCenter' | 'tls' | 'cloud'> {
  /** The bundle; contactPoints, localDataCenter and tls come from it (giving them too is a ConfigurationError). */
  cloud: CloudOptions;
  contactPoints?: never;
  localDataCenter?: never;
  tls?: never;
}

/** Registration with a driver client the caller created (and keeps owning). */
export interface ExistingClientOptions {
  client: Client;
  /** This connection's default keyspace. */
  keyspace?: string;
  /** Milliseconds statements in flight may take to finish when this connection is replaced or removed (default: the registry's). */
  drainTimeout?: number;
  /** Let query statements run in Cassandra's system keyspaces (refused by default). */
  allowSystemKeyspaces?: boolean;
  contactPoints?: never;
  localDataCenter?: never;
  consistency?: never;
  lazyConnect?: never;
  retryConnect?: never;
  credentials?: never;
  tls?: never;
  cloud?: never;
  clientOptions?: never;
  retry?: never;
  speculative?: never;
}

/** Flags every registration may carry. */
export interface RegistrationFlags {
  /** Make this the registry's default connection. */
  default?: boolean;
  /** Replace a connection already registered under this name (the old one is shut down). */
  replace?: boolean;
}

/** What `registerConnection` accepts: contact points or an existing client, plus flags. */
export type RegisterOptions = (ConnectionOptions | CloudConnectionOptions | ExistingClientOptions) & RegistrationFlags;

/** A checked registration, ready to become a Connection. */
export type ConnectionPlan = (
  | {
      kind: 'owned';
      clientOptions: ClientOptions;
      keyspace: string | undefined;
      consistency: types.consistencies | undefined;
      lazyConnect: boolean;
      retryConnect: boolean;
      secrets: string[];
      drainTimeout: number | undefined;
      allowSystemKeyspaces: boolean;
    }
  | { kind: 'provided'; client: Client; keyspace: string | undefined; drainTimeout: number | undefined; allowSystemKeyspaces: boolean }
) & {
  /** `default: true` was given (as an own property). */
  makeDefault: boolean;
  /** `replace: true` was given (as an own property). */
  replace: boolean;
};

/** How long a connection being replaced, unregistered or shut down waits for its statements in flight. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 5_000;

// setTimeout's largest delay; a longer one fires at once.
const MAX_DRAIN_TIMEOUT_MS = 2_147_483_647;

/** Checks a drain timeout (milliseconds, 0 cuts statements in flight off at once); ConfigurationError otherwise. */
export function checkDrainTimeout(value: unknown, where: string): number {
  if (!isIntegerInRange(value, 0, MAX_DRAIN_TIMEOUT_MS)) {
    throw new ConfigurationError(`Option drainTimeout of ${where} must be a whole number of milliseconds from 0 to ${MAX_DRAIN_TIMEOUT_MS}.`);
  }
  return value;
}

const OWNED_KEYS = [
  'contactPoints',
  'localDataCenter',
  'keyspace',
  'consistency',
  'lazyConnect',
  'retryConnect',
  'credentials',
  'tls',
  'cloud',
  'clientOptions',
  'drainTimeout',
  ...RETRY_OPTION_KEYS,
] as const;
// Options that only make sense when the registry creates the client (cqlengine's rule for session=).
const NOT_WITH_CLIENT = ['contactPoints', 'localDataCenter', 'consistency', 'lazyConnect', 'retryConnect', 'clientOptions', 'credentials', 'tls', 'cloud', ...RETRY_OPTION_KEYS];
const ALLOWED_KEYS = new Set<string>([...OWNED_KEYS, 'client', 'default', 'replace', 'allowSystemKeyspaces']);
// Set from Cassia's own options; accepting them in clientOptions would give two sources of truth.
const RESERVED_CLIENT_OPTIONS = ['contactPoints', 'keyspace', 'credentials', 'cloud'];

type Bag = Record<string, unknown>;

/** Checks registration options (ConfigurationError / InvalidIdentifierError) and plans the client. */
export function planConnection(name: string, options: RegisterOptions): ConnectionPlan {
  const label = describeValue(name);
  if (!isOptionObject(options)) {
    // A string is not echoed: it may be a password or a PEM key given in the wrong place.
    throw new ConfigurationError(`Options for connection ${label} must be an object, got ${typeof options === 'string' ? 'a string' : describeValue(options)}.`);
  }
  // Own properties only, read once: an inherited `default` or `keyspace` (a polluted prototype,
  // `{ __proto__: { default: true } }`) must not act as an option.
  const given = copyOwnProperties(options as object) as Bag;
  // Only key names are reported, never values: they may hold credentials.
  assertKnownOptions(given, ALLOWED_KEYS, `connection ${label}`, `allowed are ${[...ALLOWED_KEYS].join(', ')}; put other driver options in clientOptions`);
  for (const flag of ['default', 'replace', 'lazyConnect', 'retryConnect', 'allowSystemKeyspaces']) {
    if (given[flag] !== undefined && typeof given[flag] !== 'boolean') {
      throw new ConfigurationError(`Option ${flag} of connection ${label} must be a boolean, got ${describeValue(given[flag])}.`);
    }
  }
  if (given.keyspace !== undefined) assertIdentifier(given.keyspace, 'keyspace');
  const keyspace = given.keyspace as string | undefined;
  const flags = { makeDefault: given.default === true, replace: given.replace === true };
  const drainTimeout = given.drainTimeout === undefined ? undefined : checkDrainTimeout(given.drainTimeout, `connection ${label}`);

  if (given.client !== undefined) {
    const conflicting = NOT_WITH_CLIENT.filter((key) => given[key] !== undefined);
    if (conflicting.length > 0) {
      throw new ConfigurationError(
        `Connection ${label} was given an existing client together with ${conflicting.join(', ')}; ` +
          `configure those on the client you pass, or pass contactPoints instead of a client.`,
      );
    }
    if (!isDriverClient(given.client)) {
      throw new ConfigurationError(`Option client of connection ${label} must be a cassandra-driver Client, got ${describeValue(given.client)}.`);
    }
    checkProvidedEncoding(label, given.client);
    return { kind: 'provided', client: given.client, keyspace, drainTimeout, allowSystemKeyspaces: given.allowSystemKeyspaces === true, ...flags };
  }
  return { ...planOwned(label, given, keyspace), drainTimeout, ...flags };
}

/** Creates the driver client of an owned plan; the driver's own refusals become ConfigurationError. */
export function createDriverClient(name: string, clientOptions: ClientOptions, secrets: readonly string[]): Client {
  try {
    return new Client(clientOptions);
  } catch (error) {
    const reason = error instanceof Error ? redactSecrets(escapeInput(error.message, 300), secrets) : describeValue(error);
    throw new ConfigurationError(`The driver refused the options of connection ${describeValue(name)}: ${reason}`, { cause: error });
  }
}

function planOwned(label: string, given: Bag, keyspace: string | undefined): Omit<Extract<ConnectionPlan, { kind: 'owned' }>, 'makeDefault' | 'replace' | 'drainTimeout'> {
  const contactPoints = given.contactPoints;
  const cloud = given.cloud === undefined ? undefined : planCloud(label, given.cloud);
  if (cloud !== undefined) {
    // The bundle names the hosts, the datacenter and the TLS material; a second source would be ignored or contradict it.
    const conflicting = ['contactPoints', 'tls', 'localDataCenter'].filter((key) => given[key] !== undefined);
    if (conflicting.length > 0) {
      throw new ConfigurationError(
        `Connection ${label} was given cloud together with ${conflicting.join(', ')}; the secure connect bundle names ` +
          `the hosts, the datacenter and the TLS material, so leave those out (or connect without a bundle).`,
      );
    }
  } else if (
    !Array.isArray(contactPoints) ||
    contactPoints.length === 0 ||
    !contactPoints.every((point) => typeof point === 'string' && point.length > 0)
  ) {
    throw new ConfigurationError(
      `Connection ${label} needs contactPoints (a non-empty array of 'host' or 'host:port'), a cloud secure connect bundle, or an existing client.`,
    );
  }
  const tls = given.tls === undefined ? undefined : planTls(label, given.tls);
  const localDataCenter = given.localDataCenter;
  if (localDataCenter !== undefined && (typeof localDataCenter !== 'string' || localDataCenter === '')) {
    throw new ConfigurationError(`Option localDataCenter of connection ${label} must be a non-empty string.`);
  }
  const consistency = given.consistency === undefined ? undefined : toConsistencyCode(given.consistency as Consistency);
  const givenClientOptions = given.clientOptions ?? {};
  if (!isOptionObject(givenClientOptions)) {
    throw new ConfigurationError(`Option clientOptions of connection ${label} must be an object, got ${describeValue(givenClientOptions)}.`);
  }
  const passThrough = copyOwnProperties(givenClientOptions) as Bag;
  const reserved = RESERVED_CLIENT_OPTIONS.filter((key) => passThrough[key] !== undefined);
  if (reserved.length > 0) {
    throw new ConfigurationError(
      `clientOptions of connection ${label} must not set ${reserved.join(', ')}: use Cassia's own ` +
        `contactPoints, keyspace, credentials and cloud options (statements name their keyspace, so the client has none).`,
    );
  }
  for (const [option, driverOption] of [['tls', 'sslOptions'], ['cloud', 'sslOptions']] as const) {
    if (given[option] !== undefined && passThrough[driverOption] !== undefined) {
      throw new ConfigurationError(
        `Connection ${label} was given both ${option} and clientOptions.${driverOption}; ` +
          (option === 'tls' ? 'put the TLS settings in tls only.' : 'the secure connect bundle carries its own TLS material.'),
      );
    }
  }
  const secrets: string[] = tls === undefined ? [] : [...tls.secrets];
  let authProvider = passThrough.authProvider as ClientOptions['authProvider'];
  const credentials = given.credentials;
  if (credentials !== undefined) {
    const username = isOptionObject(credentials) ? ownValue(credentials, 'username') : undefined;
    const password = isOptionObject(credentials) ? ownValue(credentials, 'password') : undefined;
    if (typeof username !== 'string' || typeof password !== 'string') {
      throw new ConfigurationError(`Option credentials of connection ${label} must be { username: string, password: string }.`);
    }
    if (authProvider !== undefined) {
      throw new ConfigurationError(
        `Connection ${label} was given both credentials and clientOptions.authProvider; use one of them.`,
      );
    }
    authProvider = new auth.PlainTextAuthProvider(username, password);
    secrets.push(password);
  }
  const givenEncoding = passThrough.encoding ?? {};
  if (!isOptionObject(givenEncoding)) {
    throw new ConfigurationError(`clientOptions.encoding of connection ${label} must be an object, got ${describeValue(givenEncoding)}.`);
  }
  const encoding = { ...REQUIRED_DRIVER_ENCODING, ...copyOwnProperties(givenEncoding) };
  const contradicted = missingEncodingSettings(encoding);
  if (contradicted.length > 0) {
    throw new ConfigurationError(
      `clientOptions.encoding of connection ${label} must keep ${contradicted.join(', ')}: Cassia's value mapping ` +
        `relies on ${REQUIRED_DRIVER_ENCODING_TEXT}. Other encoding options may be set.`,
    );
  }
  // A plain object, not a null-prototype one: the driver's option merge calls hasOwnProperty on it.
  const clientOptions: ClientOptions = {
    ...(passThrough as ClientOptions),
    encoding,
    maxPrepared: (passThrough.maxPrepared as number | undefined) ?? DEFAULT_MAX_PREPARED,
  };
  if (cloud !== undefined) {
    // The driver reads the contact points and the local datacenter from the bundle's metadata service.
    clientOptions.cloud = cloud;
    delete clientOptions.localDataCenter;
  } else {
    clientOptions.contactPoints = [...(contactPoints as string[])];
    clientOptions.localDataCenter = (localDataCenter as string | undefined) ?? (passThrough.localDataCenter as string | undefined) ?? 'datacenter1';
  }
  if (tls !== undefined) clientOptions.sslOptions = tls.sslOptions;
  if (authProvider !== undefined) clientOptions.authProvider = authProvider;
  applyRetryOptions(label, given, clientOptions);
  return {
    kind: 'owned',
    clientOptions,
    keyspace,
    consistency,
    lazyConnect: given.lazyConnect === true,
    retryConnect: given.retryConnect === true,
    secrets,
    allowSystemKeyspaces: given.allowSystemKeyspaces === true,
  };
}

// A caller's client must decode and encode values the way Cassia's own clients do; its encoding
// is fixed when it is created, so a client without it is refused rather than silently mis-mapped.
// Only a client built by cassandra-driver's constructor has `options`; a duck-typed stand-in
// (a test double) has none, and is taken as it is.
function checkProvidedEncoding(label: string, client: Client): void {
  const driverOptions = ownValue(client, 'options');
  if (typeof driverOptions !== 'object' || driverOptions === null) return;
  const missing = missingEncodingSettings(ownValue(driverOptions, 'encoding'));
  if (missing.length === 0) return;
  throw new ConfigurationError(
    `The client given for connection ${label} lacks the driver encoding options Cassia's value mapping needs ` +
      `(missing ${missing.join(', ')}). Create it with new Client({ ..., ${REQUIRED_DRIVER_ENCODING_TEXT} }) ` +
      `(exported as REQUIRED_DRIVER_ENCODING), or register contactPoints instead of a client. Without them ` +
      `bigint, varint and counter values cannot be written, and maps keyed by booleans, blobs, tuples or frozen ` +
      `collections are written empty and read back with wrong keys.`,
  );
}

function isOptionObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Duck-typed rather than instanceof: a second copy of cassandra-driver in node_modules makes
// a perfectly good client fail instanceof.
function isDriverClient(value: unknown): value is Client {
  if (typeof value !== 'object' || value === null) return false;
  return ['connect', 'execute', 'batch', 'shutdown'].every((method) => typeof (value as Bag)[method] === 'function');
}
