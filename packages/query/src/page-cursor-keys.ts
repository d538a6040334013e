// The keys page cursors are signed with, one set per registry: a random key made on first use
// (cursors valid within this process), or the application's keys (cursors valid on every server
// that holds them; the first signs, either verifies, so a key can be rotated without breaking
// the cursors clients hold).
import { randomBytes } from 'node:crypto';
import { ConfigurationError, type ConnectionRegistry } from '@cassia/core';
import { defaultRegistry } from '@cassia/core/internal';
import { isOptionBag, ownValue } from './own-properties';

/** The keys of one registry's cursors. */
export interface PageCursorKeys {
  /** Signing key first, then the one still accepted (if any). */
  readonly keys: readonly Buffer[];
  /** A random key of this process: cursors may then also be bound to the Connection object. */
  readonly processLocal: boolean;
}

/** Options of `setPageCursorKeys`. */
export interface PageCursorKeyOptions {
  /** The registry whose cursors these keys sign (default: the module's registry). */
  registry?: ConnectionRegistry;
}

/** Shortest key accepted, in bytes (HMAC-SHA256's own output size). */
export const MIN_KEY_BYTES = 32;

const keysByRegistry = new WeakMap<ConnectionRegistry, PageCursorKeys>();

/**
 * Makes `page()` cursors of a registry valid across processes: they are signed with `keys[0]`
 * and accepted when signed with any of the keys (at most two, for rotation). Each key is a
 * string or bytes of at least 32 bytes, kept secret like a password. Cursors signed before the
 * call with keys not in the list stop being accepted.
 */
export function setPageCursorKeys(keys: readonly (string | Uint8Array)[], options: PageCursorKeyOptions = {}): void {
  if (!Array.isArray(keys) || keys.length < 1 || keys.length > 2) {
    throw new ConfigurationError('setPageCursorKeys needs a list of one or two keys: the signing key, then the one being retired.');
  }
  if (!isOptionBag(options)) throw new ConfigurationError('setPageCursorKeys takes an options object { registry? }.');
  const registry = (ownValue(options, 'registry') as ConnectionRegistry | undefined) ?? defaultRegistry;
  const copies = keys.map((key, index) => {
    const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key instanceof Uint8Array ? Buffer.from(key) : undefined;
    // The key itself is never shown: only which one is wrong.
    if (bytes === undefined || bytes.length < MIN_KEY_BYTES) {
      throw new ConfigurationError(`Page cursor key ${index + 1} must be a string or bytes of at least ${MIN_KEY_BYTES} bytes.`);
    }
    return bytes;
  });
  keysByRegistry.set(registry, Object.freeze({ keys: Object.freeze(copies), processLocal: false }));
}

/** The cursor keys of `registry`: the application's, or a random key made now and kept. */
export function pageCursorKeysOf(registry: ConnectionRegistry): PageCursorKeys {
  let keys = keysByRegistry.get(registry);
  if (keys === undefined) {
    keys = Object.freeze({ keys: Object.freeze([randomBytes(32)]), processLocal: true });
    keysByRegistry.set(registry, keys);
  }
  return keys;
}
