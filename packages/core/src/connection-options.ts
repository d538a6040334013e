// What a connection can be registered with, and the checks that turn it into a driver client.
import { auth, type Client, type ClientOptions, type types } from 'cassandra-driver';
import { toConsistencyCode, type Consistency } from './consistency';
import { ConfigurationError } from './errors/configuration-error';
import { assertIdentifier } from './identifiers';

/** Username and password for Cassandra's PasswordAuthenticator. */
export interface Credentials {
  username: string;
  password: string;
}

/** Driver options passed through; the ones Cassia sets from its own options are left out. */
export type PassThroughClientOptions = Omit<ClientOptions, 'contactPoints' | 'keyspace' | 'credentials'>;

/** How to reach a cluster when the registry creates (and owns) the driver client. */
export interface ConnectionOptions {
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
  /** Any other cassandra-driver ClientOptions. */
  clientOptions?: PassThroughClientOptions;
  /** Let query statements run in Cassandra's system keyspaces (refused by default). */
  allowSystemKeyspaces?: boolean;
  client?: never;
}

/** Registration with a driver client the caller created (and keeps owning). */
export interface ExistingClientOptions {
  client: Client;
  /** This connection's default keyspace. */
  keyspace?: string;
  /** Let query statements run in Cassandra's system keyspaces (refused by default). */
  allowSystemKeyspaces?: boolean;
  contactPoints?: never;
  localDataCenter?: never;
  consistency?: never;
  lazyConnect?: never;
  retryConnect?: never;
  credentials?: never;
  clientOptions?: never;
}

/** Flags every registration may carry. */
export interface RegistrationFlags {
  /** Make this the registry's default connection. */
  default?: boolean;
  /** Replace a connection already registered under this name (the old one is shut down). */
  replace?: boolean;
}

/** What `registerConnection` accepts: contact points or an existing client, plus flags. */
export type RegisterOptions = (ConnectionOptions | ExistingClientOptions) & RegistrationFlags;

/** A checked registration, ready to become a Connection. */
export type ConnectionPlan =
  | {
      kind: 'owned';
      clientOptions: ClientOptions;
      keyspace: string | undefined;
      consistency: types.consistencies | undefined;
      lazyConnect: boolean;
      retryConnect: boolean;
      secrets: string[];
      allowSystemKeyspaces: boolean;
    }
  | { kind: 'provided'; client: Client; keyspace: string | undefined; allowSystemKeyspaces: boolean };

const OWNED_KEYS = [
  'contactPoints',
  'localDataCenter',
  'keyspace',
  'consistency',
  'lazyConnect',
  'retryConnect',
  'credentials',
  'clientOptions',
] as const;
// Options that only make sense when the registry creates the client (cqlengine's rule for session=).
const NOT_WITH_CLIENT = ['contactPoints', 'localDataCenter', 'consistency', 'lazyConnect', 'retryConnect', 'clientOptions', 'credentials'];
const ALLOWED_KEYS = new Set<string>([...OWNED_KEYS, 'client', 'default', 'replace', 'allowSystemKeyspaces']);
// Set from Cassia's own options; accepting them in clientOptions would give two sources of truth.
const RESERVED_CLIENT_OPTIONS = ['contactPoints', 'keyspace', 'credentials'];

/** Checks registration options (ConfigurationError / InvalidIdentifierError) and plans the client. */
export function planConnection(name: string, options: RegisterOptions): ConnectionPlan {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError(`Options for connection '${name}' must be an object.`);
  }
  const given = options as unknown as Record<string, unknown>;
  // Only key names are reported, never values: they may hold credentials.
  const unknown = Object.keys(given).filter((key) => !ALLOWED_KEYS.has(key));
  if (unknown.length > 0) {
    throw new ConfigurationError(
      `Unknown option(s) ${unknown.join(', ')} for connection '${name}'. Allowed: ${[...ALLOWED_KEYS].join(', ')}; ` +
        `put other driver options in clientOptions.`,
    );
  }
  for (const flag of ['default', 'replace', 'lazyConnect', 'retryConnect', 'allowSystemKeyspaces']) {
    if (given[flag] !== undefined && typeof given[flag] !== 'boolean') {
      throw new ConfigurationError(`Option ${flag} of connection '${name}' must be a boolean.`);
    }
  }
  if (given.keyspace !== undefined) assertIdentifier(given.keyspace, 'keyspace');
  const keyspace = given.keyspace as string | undefined;

  if (given.client !== undefined) {
    const conflicting = NOT_WITH_CLIENT.filter((key) => given[key] !== undefined);
    if (conflicting.length > 0) {
      throw new ConfigurationError(
        `Connection '${name}' was given an existing client together with ${conflicting.join(', ')}; ` +
          `configure those on the client you pass, or pass contactPoints instead of a client.`,
      );
    }
    if (!isDriverClient(given.client)) {
      throw new ConfigurationError(`Option client of connection '${name}' must be a cassandra-driver Client.`);
    }
    return { kind: 'provided', client: given.client, keyspace, allowSystemKeyspaces: given.allowSystemKeyspaces === true };
  }
  return planOwned(name, options as ConnectionOptions, keyspace);
}

function planOwned(name: string, options: ConnectionOptions, keyspace: string | undefined): ConnectionPlan {
  const { contactPoints, credentials } = options;
  if (
    !Array.isArray(contactPoints) ||
    contactPoints.length === 0 ||
    !contactPoints.every((point) => typeof point === 'string' && point.length > 0)
  ) {
    throw new ConfigurationError(
      `Connection '${name}' needs contactPoints (a non-empty array of 'host' or 'host:port') or an existing client.`,
    );
  }
  if (options.localDataCenter !== undefined && (typeof options.localDataCenter !== 'string' || options.localDataCenter === '')) {
    throw new ConfigurationError(`Option localDataCenter of connection '${name}' must be a non-empty string.`);
  }
  const consistency = options.consistency === undefined ? undefined : toConsistencyCode(options.consistency);
  const passThrough: PassThroughClientOptions = options.clientOptions ?? {};
  if (typeof passThrough !== 'object' || passThrough === null) {
    throw new ConfigurationError(`Option clientOptions of connection '${name}' must be an object.`);
  }
  const reserved = RESERVED_CLIENT_OPTIONS.filter((key) => (passThrough as Record<string, unknown>)[key] !== undefined);
  if (reserved.length > 0) {
    throw new ConfigurationError(
      `clientOptions of connection '${name}' must not set ${reserved.join(', ')}: use Cassia's own ` +
        `contactPoints, keyspace and credentials options (statements name their keyspace, so the client has none).`,
    );
  }
  const secrets: string[] = [];
  let authProvider = passThrough.authProvider;
  if (credentials !== undefined) {
    if (
      typeof credentials !== 'object' ||
      credentials === null ||
      typeof credentials.username !== 'string' ||
      typeof credentials.password !== 'string'
    ) {
      throw new ConfigurationError(`Option credentials of connection '${name}' must be { username: string, password: string }.`);
    }
    if (authProvider !== undefined) {
      throw new ConfigurationError(
        `Connection '${name}' was given both credentials and clientOptions.authProvider; use one of them.`,
      );
    }
    authProvider = new auth.PlainTextAuthProvider(credentials.username, credentials.password);
    secrets.push(credentials.password);
  }
  const clientOptions: ClientOptions = {
    ...passThrough,
    contactPoints: [...contactPoints],
    localDataCenter: options.localDataCenter ?? passThrough.localDataCenter ?? 'datacenter1',
    // bigint for bigint/counter/varint, so 64-bit values never lose precision; JS Map/Set for
    // map/set, so maps keyed by booleans, blobs or tuples survive (as plain objects they are
    // silently written empty). The caller may override.
    encoding: { map: Map, set: Set, useBigIntAsLong: true, useBigIntAsVarint: true, ...passThrough.encoding },
  };
  if (authProvider !== undefined) clientOptions.authProvider = authProvider;
  return {
    kind: 'owned',
    clientOptions,
    keyspace,
    consistency,
    lazyConnect: options.lazyConnect ?? false,
    retryConnect: options.retryConnect ?? false,
    secrets,
    allowSystemKeyspaces: options.allowSystemKeyspaces === true,
  };
}

// Duck-typed rather than instanceof: a second copy of cassandra-driver in node_modules makes
// a perfectly good client fail instanceof.
function isDriverClient(value: unknown): value is Client {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return ['connect', 'execute', 'batch', 'shutdown'].every((method) => typeof candidate[method] === 'function');
}
