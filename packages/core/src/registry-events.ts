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

/** Everything a registry reports to its listeners. */
export type CassiaEvent = ConnectionRegisteredEvent | ConnectionRemovedEvent | DefaultChangedEvent | QueryEvent;

/** A function receiving Cassia events; it must not throw (throws are ignored). */
export type CassiaEventListener = (event: CassiaEvent) => void;

/** Holds a registry's listeners and delivers events to them. */
export class EventHub {
  readonly #listeners = new Set<CassiaEventListener>();

  /** Whether anyone listens, so callers can skip building events. */
  get active(): boolean {
    return this.#listeners.size > 0;
  }

  /** Adds a listener; returns a function that removes it. */
  on(listener: CassiaEventListener): () => void {
    // Wrap so the same function registered twice is two subscriptions, each removable once.
    const entry: CassiaEventListener = (event) => listener(event);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
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
