// Statement options that stand for their contents by identity: frozen, made once by a query
// builder and shared by every statement it runs, so a connection translates them to driver
// options once and remembers the translation. Only shareStatementOptions makes them; any other
// options object is translated per statement.
import type { ExecuteOptions } from './execute-options';

declare const sharedStatementOptionsBrand: unique symbol;

/** Frozen statement options registered with shareStatementOptions (equal identity, equal contents). */
export type SharedStatementOptions<T extends ExecuteOptions = ExecuteOptions> = Readonly<T> & { readonly [sharedStatementOptionsBrand]: true };

const registered = new WeakSet<object>();

/** Freezes `options` and registers them as options a connection may cache its translation of. */
export function shareStatementOptions<T extends ExecuteOptions>(options: T): SharedStatementOptions<T> {
  registered.add(Object.freeze(options));
  return options as SharedStatementOptions<T>;
}

/** Whether `options` were made by shareStatementOptions. */
export function isSharedStatementOptions<T extends ExecuteOptions>(options: T): options is SharedStatementOptions<T> {
  return registered.has(options);
}
