// Compile-time contract of the public surface (checked by tsc; trivially true at run time).
import { expectTypeOf } from 'expect-type';
import type { Client, types } from 'cassandra-driver';
import {
  CassiaError,
  Connection,
  ConnectionRegistry,
  ExecutionError,
  registerConnection,
  withConnection,
  type ExecuteOptions,
  type RegisterOptions,
  type ResolvedTarget,
} from '@cassia/core';
import { assertIdentifier } from '@cassia/core/internal';

describe('public types', () => {
  it('are what other packages rely on', () => {
    expectTypeOf(new ConnectionRegistry().resolve).returns.toEqualTypeOf<ResolvedTarget>();
    expectTypeOf<ResolvedTarget>().toEqualTypeOf<{ readonly connection: Connection; readonly keyspace: string }>();
    const connection = null as unknown as Connection;
    // Called without a map it resolves to the driver's result; with one, to what the map returns.
    expectTypeOf(() => connection.execute('q')).returns.toEqualTypeOf<Promise<types.ResultSet>>();
    expectTypeOf(() => connection.execute('q', [], {}, (result) => result.rowLength > 0)).returns.toEqualTypeOf<Promise<boolean>>();
    expectTypeOf<Connection['getClient']>().returns.toEqualTypeOf<Promise<Client>>();
    expectTypeOf(withConnection<number>).returns.toEqualTypeOf<Promise<number>>();
    expectTypeOf<ExecutionError['code']>().toEqualTypeOf<'ERR_CASSIA_EXECUTION'>();
    expectTypeOf<CassiaError['code']>().toEqualTypeOf<string>();
    expectTypeOf<ExecuteOptions['timestamp']>().toEqualTypeOf<bigint | number | undefined>();

    const name: unknown = 'users';
    assertIdentifier(name, 'table');
    expectTypeOf(name).toEqualTypeOf<string>();
  });

  it('reject a client mixed with registry-created options', () => {
    const client = {} as Client;
    const ok: RegisterOptions[] = [
      { contactPoints: ['h'], keyspace: 'ks', consistency: 'quorum', default: true },
      { client, keyspace: 'ks', replace: true },
    ];
    // @ts-expect-error a client cannot come with contact points
    const mixed: RegisterOptions = { client, contactPoints: ['h'] };
    // @ts-expect-error nor with lazyConnect
    const lazy: RegisterOptions = { client, lazyConnect: true };
    // @ts-expect-error contact points are required without a client
    const empty: RegisterOptions = { keyspace: 'ks' };
    expect([ok, mixed, lazy, empty]).toHaveLength(4);
    expectTypeOf(registerConnection).parameter(1).toEqualTypeOf<RegisterOptions>();
  });
});
