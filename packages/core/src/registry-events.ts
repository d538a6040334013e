// The optional event hook: registry changes and executed statements, for logging and metrics.
// Off by default: with no listener nothing is built. Events never carry values or secrets.

/** A connection was added to a registry. */
export interface ConnectionRegisteredEvent {
  type: 'connection-registered';
  connection: string;
  /** Whether the registry created (and will shut down) the driver client. */
  ownsClient: boolean;
  /** Whether it replaced a connection of the same name. */
  replaced: boolean;
}

/** A connection left a registry (unregistered, replaced, or registry shutdown). */
export interface ConnectionRemovedEvent {
  type: 'connection-removed';
  connection: string;
  reason: 'unregistered' | 'replaced' | 'shutdown';
  /** Whether its driver client was shut down (only clients the registry created are). */
  clientShutDown: boolean;
}

/** The registry's default connection changed (`undefined`: there is none now). */
export interface DefaultChangedEvent {
  type: 'default-changed';
  connection: string | undefined;
  previous: string | undefined;
}

/** A statement or batch finished, successfully or not. */
export interface QueryEvent {
  type: 'query';
  kind: 'execute' | 'batch';
  connection: string;
  /** The keyspace the caller resolved, when it passed one in the options. */
  keyspace: string | undefined;
  /** The CQL text; a batch's statements are joined by newlines. Never contains values. */
  cql: string;
  /** Number of statements (1 for execute). */
  statements: number;
  durationMs: number;
  /** The Cassia error code when it failed. */
  errorCode: string | undefined;
}

/**
 * The driver had to prepare a statement again (see "Running many tenants" in the README):
 * `client-cache-full`: the driver's own cache of prepared statements (`maxPrepared`) was full, so
 * it dropped its oldest entries to prepare a new one; a dropped statement is prepared again at its
 * next use. `server-unprepared`: a node answered UNPREPARED (its prepared-statement cache evicted
 * the statement, or it restarted), and the driver prepared it on that node and retried.
 * Many of these per second mean the caches are smaller than the statements in use.
 */
export interface RepreparedEvent {
  type: 'reprepared';
  connection: string;
  reason: 'client-cache-full' | 'server-unprepared';
  /** The node that answered UNPREPARED (`server-unprepared` only). */
  host: string | undefined;
}

/** Everything a registry reports to its listeners. */
export type CassiaEvent = ConnectionRegisteredEvent | ConnectionRemovedEvent | DefaultChangedEvent | QueryEvent | RepreparedEvent;

/** A function receiving Cassia events; it must not throw (throws are ignored). */
export type CassiaEventListener = (event: CassiaEvent) => void;

/** Holds a registry's listeners and delivers events to them. */
export class EventHub {
  readonly #listeners = new Set<CassiaEventListener>();
  // Told when the hub gains its first listener or loses its last, so that sources that cost
  // something per statement (a driver log listener) are attached only while someone listens.
  readonly #activity = new Set<(active: boolean) => void>();

  /** Whether anyone listens, so callers can skip building events. */
  get active(): boolean {
    return this.#listeners.size > 0;
  }

  /** Adds a listener; returns a function that removes it. */
  on(listener: CassiaEventListener): () => void {
    // Wrap so the same function registered twice is two subscriptions, each removable once.
    const entry: CassiaEventListener = (event) => listener(event);
    this.#listeners.add(entry);
    if (this.#listeners.size === 1) this.#announce(true);
    return () => {
      if (this.#listeners.delete(entry) && this.#listeners.size === 0) this.#announce(false);
    };
  }

  /** Calls `watcher(true)` now if anyone listens, then on every change between some and no listeners; returns a function that stops it. */
  watchActivity(watcher: (active: boolean) => void): () => void {
    this.#activity.add(watcher);
    if (this.active) watcher(true);
    return () => {
      this.#activity.delete(watcher);
    };
  }

  #announce(active: boolean): void {
    for (const watcher of [...this.#activity]) watcher(active);
  }

  /** Delivers `event` to every listener. */
  emit(event: CassiaEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        // A broken logger must never break the statement or registration it reports on.
      }
    }
  }
}
