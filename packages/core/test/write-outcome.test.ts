// A non-idempotent write whose answer never came (client timeout, server write timeout, socket
// lost after sending) fails with WriteOutcomeUnknownError, worded for a lightweight transaction
// when it was one; idempotent statements, reads and raw execute keep their ExecutionError. The
// driver is told each statement's idempotence (isIdempotent) from what the builder worked out.
import { errors as driverErrors, type Client, type QueryOptions } from 'cassandra-driver';
import { Connection, ExecutionError, WriteOutcomeUnknownError, type ExecuteOptions, type StatementSafety } from '@cassia/core';
import { shareStatementOptions } from '../src/shared-statement-options';
import { idleClient } from './helpers';

const SECRET_VALUE = 'value-that-must-not-appear';

function failingConnection(error: unknown): { connection: Connection; sent: QueryOptions[] } {
  const client: Client = idleClient();
  const sent: QueryOptions[] = [];
  jest.spyOn(client, 'connect').mockImplementation(() => Promise.resolve());
  jest.spyOn(client, 'execute').mockImplementation(((_cql: string, _params: unknown, options: QueryOptions) => {
    sent.push(options);
    return Promise.reject(error);
  }) as never);
  jest.spyOn(client, 'batch').mockImplementation(((_queries: unknown, options: QueryOptions) => {
    sent.push(options);
    return Promise.reject(error);
  }) as never);
  return { connection: new Connection({ name: 'c1', client, ownsClient: true }), sent };
}

const clientTimeout = () => new driverErrors.OperationTimedOutError('The host 127.0.0.9:9042 did not reply before timeout 1500 ms', '127.0.0.9:9042');
const serverWriteTimeout = () => new driverErrors.ResponseError(0x1100, 'Operation timed out - received only 1 responses.');
const socketLost = (written: boolean) => Object.assign(new Error('Socket was closed'), { isSocketError: true, requestNotWritten: !written });

async function failureOf(error: unknown, safety: StatementSafety | undefined, options: ExecuteOptions = shareStatementOptions<ExecuteOptions>({})): Promise<unknown> {
  const { connection } = failingConnection(error);
  return connection.run('UPDATE "ks"."t" SET "n" = "n" + ? WHERE "id" = ?', [1n, SECRET_VALUE], options, 'ks', undefined, safety).catch((e: unknown) => e);
}

describe('WriteOutcomeUnknownError for non-idempotent writes', () => {
  it.each([
    ['a client timeout', clientTimeout],
    ['a server write timeout', serverWriteTimeout],
    ['a socket lost after the request was written', () => socketLost(true)],
  ])('after %s: says the write may or may not have been applied and what to do, without values', async (_what, make) => {
    const cause = make();
    const error = (await failureOf(cause, 'non-idempotent-write')) as WriteOutcomeUnknownError;
    expect(error).toBeInstanceOf(WriteOutcomeUnknownError);
    expect(error.code).toBe('ERR_CASSIA_WRITE_OUTCOME_UNKNOWN');
    expect(error.conditional).toBe(false);
    expect(error.connection).toBe('c1');
    expect(error.cause).toBe(cause);
    expect(error.message).toContain('may or may not have been applied');
    expect(error.message).toMatch(/Read the row back/);
    expect(error.message).toMatch(/idempotent/);
    expect(error.message).not.toContain(SECRET_VALUE);
  });

  it('for a lightweight transaction, says the same of its condition', async () => {
    const error = (await failureOf(clientTimeout(), 'conditional-write')) as WriteOutcomeUnknownError;
    expect(error).toBeInstanceOf(WriteOutcomeUnknownError);
    expect(error.conditional).toBe(true);
    expect(error.message).toMatch(/condition may or may not have been checked/);
    expect(error.message).toContain('may or may not have been applied');
    expect(error.message).toMatch(/SERIAL/);
  });

  it("Cassandra 5's CAS write-unknown answer counts too", async () => {
    const error = await failureOf(new driverErrors.ResponseError(0x1700, 'CAS operation result is unknown'), 'conditional-write');
    expect(error).toBeInstanceOf(WriteOutcomeUnknownError);
  });

  it('a socket error before the request was written, or a refusal, stays an ExecutionError', async () => {
    expect(await failureOf(socketLost(false), 'non-idempotent-write')).toBeInstanceOf(ExecutionError);
    expect(await failureOf(new driverErrors.ResponseError(0x2200, 'invalid'), 'non-idempotent-write')).toBeInstanceOf(ExecutionError);
    expect(await failureOf(new driverErrors.ResponseError(0x1000, 'unavailable'), 'conditional-write')).toBeInstanceOf(ExecutionError);
  });

  it('idempotent writes, reads, statements made idempotent and raw execute keep their ExecutionError', async () => {
    expect(await failureOf(clientTimeout(), 'idempotent-write')).toBeInstanceOf(ExecutionError);
    expect(await failureOf(clientTimeout(), 'read')).toBeInstanceOf(ExecutionError);
    expect(await failureOf(clientTimeout(), 'non-idempotent-write', shareStatementOptions({ isIdempotent: true }))).toBeInstanceOf(ExecutionError);
    expect(await failureOf(clientTimeout(), undefined)).toBeInstanceOf(ExecutionError);
    const { connection } = failingConnection(clientTimeout());
    await expect(connection.execute('UPDATE "ks"."t" SET "n" = "n" + 1 WHERE "id" = 1')).rejects.toBeInstanceOf(ExecutionError);
  });

  it('a batch is a write: not idempotent unless told, so a timeout leaves its outcome unknown', async () => {
    const statements = [{ query: 'UPDATE "ks"."t" SET "n" = "n" + ? WHERE "id" = ?', params: [1n, SECRET_VALUE] }];
    const raw = failingConnection(clientTimeout());
    const error = await raw.connection.batch(statements, { counter: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteOutcomeUnknownError);
    expect((error as Error).message).not.toContain(SECRET_VALUE);
    const idempotent = failingConnection(clientTimeout());
    await expect(idempotent.connection.batch(statements, { isIdempotent: true })).rejects.toBeInstanceOf(ExecutionError);
    const built = failingConnection(clientTimeout());
    await expect(built.connection.batch(statements, {}, 'idempotent-write')).rejects.toBeInstanceOf(ExecutionError);
    expect(built.sent[0].isIdempotent).toBe(true);
    const conditional = failingConnection(serverWriteTimeout());
    const lwt = (await conditional.connection.batch(statements, {}, 'conditional-write').catch((e: unknown) => e)) as WriteOutcomeUnknownError;
    expect(lwt.conditional).toBe(true);
    expect(conditional.sent[0].isIdempotent).toBe(false);
  });
});

describe('isIdempotent handed to the driver', () => {
  it('follows the safety, unless the options name it; raw execute leaves it to the driver', async () => {
    const { connection, sent } = failingConnection(clientTimeout());
    const shared = shareStatementOptions<ExecuteOptions>({});
    const named = shareStatementOptions({ isIdempotent: false });
    const run = (options: ExecuteOptions, safety?: StatementSafety) => connection.run('SELECT 1', [], options, undefined, undefined, safety).catch(() => undefined);
    await run(shared, 'read');
    await run(shared, 'idempotent-write');
    await run(shared, 'non-idempotent-write');
    await run(shared, 'conditional-write');
    await run(named, 'read');
    await run(shared, undefined);
    await connection.execute('SELECT 1').catch(() => undefined);
    await connection.execute('SELECT 1', [], { isIdempotent: true }).catch(() => undefined);
    expect(sent.map((options) => options.isIdempotent)).toEqual([true, true, false, false, false, undefined, undefined, true]);
    // Shared options are translated once per idempotence.
    expect(sent[0]).toBe(sent[1]);
    expect(sent[2]).toBe(sent[3]);
    expect(sent[0]).not.toBe(sent[2]);
  });
});
