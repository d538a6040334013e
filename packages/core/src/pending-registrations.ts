// Registrations still connecting, per name: a duplicate registration fails at once, and later
// calls on the name (a replace, an unregister, a shutdown) can overtake them.
import type { Connection } from './connection';
import type { SupersededBy } from './errors/connection-superseded-error';

/** A registration still connecting; once superseded it shuts its client down and rejects instead of landing. */
export interface PendingRegistration {
  readonly ticket: number;
  readonly connection: Connection;
  supersededBy: SupersededBy | 'shutdown' | undefined;
  /** Settles when the registration has landed or cleaned up (never rejects). */
  readonly settled: Promise<void>;
}

const NONE: ReadonlySet<PendingRegistration> = new Set();

/** The registrations in flight of one registry, by name. */
export class PendingRegistrations {
  readonly #byName = new Map<string, Set<PendingRegistration>>();

  add(name: string, registration: PendingRegistration): void {
    let registrations = this.#byName.get(name);
    if (registrations === undefined) {
      registrations = new Set();
      this.#byName.set(name, registrations);
    }
    registrations.add(registration);
  }

  remove(name: string, registration: PendingRegistration): void {
    const registrations = this.#byName.get(name);
    if (registrations === undefined) return;
    registrations.delete(registration);
    if (registrations.size === 0) this.#byName.delete(name);
  }

  /** The registrations of `name` in flight. */
  of(name: string): Iterable<PendingRegistration> {
    return this.#byName.get(name) ?? NONE;
  }

  /** Every registration in flight. */
  *all(): Iterable<PendingRegistration> {
    for (const registrations of this.#byName.values()) yield* registrations;
  }

  /** Whether a registration of `name` is connecting and not yet overtaken by a later call. */
  isBeingRegistered(name: string): boolean {
    for (const registration of this.of(name)) {
      if (registration.supersededBy === undefined) return true;
    }
    return false;
  }
}
