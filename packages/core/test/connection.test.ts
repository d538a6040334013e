// Connection: lazy connect-once, retry, prepared execution with defaults, error wrapping, drained shutdown.
import { inspect } from 'node:util';
import { Client, errors as driverErrors, types, type QueryOptions } from 'cassandra-driver';
import {
  ConfigurationError,
  Connection,
  ConnectionError,
  ExecutionError,
  QueryBuildError,
  WriteOutcomeUnknownError,
  type CassiaEvent,
} from '@cassia/core';
import { EventHub } from '../src/registry-events';
import { idleClient } from './helpers';
import { isSharedStatementOptions, shareStatementOptions } from '../src/shared-statement-options';

function connectionWith(client: Client, extra: Partial<ConstructorParameters<typeof Connection>[0]> = {}) {
  return new Connection({ name: 'c1', client, ownsClient: true, ...extra });
}

// A real client whose connect "succeeds" without a server, so execution paths can be observed.
function connectedClient(): Client {
  const client = idleClient();
  jest.spyOn(client, 'connect').mockImplementation(() => Promise.resolve());
  return client;
}

const emptyResult = { rows: [] } as unknown as types.ResultSet;

describe('Connection.getClient', () => {
  it('connects once under concurrent first use', async () => {
    const client = idleClient();
    let finish: () => void = () => undefined;
    const connect = jest.spyOn(client, 'connect').mockImplementation(
      () => new Promise<void>((resolve) => (finish = resolve)),
    );
    const connection = connectionWith(client);
    const uses = [connection.getClient(), connection.getClient(), connection.getClient()];
    finish();
    await expect(Promise.all(uses)).resolves.toEqual([client, client, client]);
    await connection.getClient();
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it('shares one failed attempt between concurrent callers, as a ConnectionError with the cause', async () => {
    const client = idleClient();
    const connect = jest.spyOn(client, 'connect');
    const connection = connectionWith(client);
    const results = await Promise.allSettled([connection.getClient(), connection.getClient()]);
    expect(connect).toHaveBeenCalledTimes(1);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const reason = (result as PromiseRejectedResult).reason as ConnectionError;
      expect(reason).toBeInstanceOf(ConnectionError);
      expect(reason.connection).toBe('c1');
      expect(reason.cause).toBeInstanceOf(driverErrors.NoHostAvailableError);
      expect(reason.message).toContain("'c1'");
    }
  });

  it('without retryConnect, keeps the failure', async () => {
    const client = idleClient();
    const connect = jest.spyOn(client, 'connect');
    const connection = connectionWith(client, { retryConnect: false });
    await expect(connection.getClient()).rejects.toThrow(ConnectionError);
    await expect(connection.getClient()).rejects.toThrow(ConnectionError);
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it('with retryConnect, tries again at the next use and then succeeds', async () => {
    const client = idleClient();
    const connect = jest
      .spyOn(client, 'connect')
      .mockImplementationOnce(() => Promise.reject(new driverErrors.NoHostAvailableError({}, 'down')))
      .mockImplementation(() => Promise.resolve());
    const connection = connectionWith(client, { retryConnect: true });
    await expect(connection.getClient()).rejects.toThrow(ConnectionError);
    await expect(connection.getClient()).resolves.toBe(client);
    await connection.getClient();
    expect(connect).toHaveBeenCalledTimes(2);
  });

  it('retries a caller-owned client by default (the caller configures it)', async () => {
    const client = idleClient();
    const connect = jest.spyOn(client, 'connect');
    const connection = connectionWith(client, { ownsClient: false });
    await expect(connection.getClient()).rejects.toThrow(ConnectionError);
    await expect(connection.getClient()).rejects.toThrow(ConnectionError);
    expect(connect).toHaveBeenCalledTimes(2);
  });
});

describe('Connection.execute', () => {
  it('always prepares and binds, applying the default consistency', async () => {
    const client = connectedClient();
    const execute = jest.spyOn(client, 'execute').mockImplementation(() => Promise.resolve(emptyResult));
    const connection = connectionWith(client, { defaultConsistency: types.consistencies.quorum });
    await expect(connection.execute('SELECT * FROM "ks"."t" WHERE id = ?', [1])).resolves.toBe(emptyResult);
    expect(execute).toHaveBeenCalledWith('SELECT * FROM "ks"."t" WHERE id = ?', [1], {
      prepare: true,
      consistency: types.consistencies.quorum,
    });
  });

  it('maps the result in the same call; an error the map throws rejects as it is, an execution error is still wrapped', async () => {
    const client = connectedClient();
    jest
      .spyOn(client, 'execute')
      .mockImplementationOnce(() => Promise.resolve(emptyResult))
      .mockImplementationOnce(() => Promise.resolve(emptyResult))
      .mockImplementationOnce(() => Promise.reject(new driverErrors.ResponseError(0x2200, 'bad')));
    const events = new EventHub();
    const seen: CassiaEvent[] = [];
    events.on((event) => seen.push(event));
    const connection = connectionWith(client, { events });
    await expect(connection.execute('Q', [], {}, (result) => result.rows.length)).resolves.toBe(0);
    const mine = new Error('mapped');
    await expect(connection.execute('Q', [], {}, () => { throw mine; })).rejects.toBe(mine);
    await expect(connection.execute('Q', [], {}, () => 1)).rejects.toBeInstanceOf(ExecutionError);
    // The statements themselves succeeded, succeeded, failed.
    expect(seen.map((event) => (event as { errorCode?: string }).errorCode)).toEqual([undefined, undefined, 'ERR_CASSIA_EXECUTION']);
    // Without listeners the map is the whole success path.
    const quiet = connectionWith(client);
    jest.spyOn(client, 'execute').mockImplementation(() => Promise.resolve(emptyResult));
    await expect(quiet.execute('Q', [], {}, (result) => result === emptyResult)).resolves.toBe(true);
    await expect(quiet.execute('Q', [], {}, () => { throw mine; })).rejects.toBe(mine);
  });

  it('lets the options override the consistency and passes the rest', async () => {
    const client = connectedClient();
    const execute = jest.spyOn(client, 'execute').mockImplementation(() => Promise.resolve(emptyResult));
    const connection = connectionWith(client, { defaultConsistency: types.consistencies.quorum });
    await connection.execute('SELECT 1', { id: 1 }, { consistency: 'one', fetchSize: 10, pageState: 'ff', timeout: 100, timestamp: 5n, isIdempotent: true });
    const [, params, options] = execute.mock.calls[0] as unknown as [string, unknown, QueryOptions];
    expect(params).toEqual({ id: 1 });
    expect(options).toMatchObject({
      prepare: true,
      consistency: types.consistencies.one,
      fetchSize: 10,
      pageState: 'ff',
      readTimeout: 100,
      isIdempotent: true,
    });
    expect(String(options?.timestamp)).toBe('5');
  });

  it('sends no consistency when neither the options nor the connection give one', async () => {
    const client = connectedClient();
    const execute = jest.spyOn(client, 'execute').mockImplementation(() => Promise.resolve(emptyResult));
    await connectionWith(client).execute('SELECT 1');
    expect(execute).toHaveBeenCalledWith('SELECT 1', [], { prepare: true });
  });

  it('wraps a server error in ExecutionError with cause, connection, CQL and server code', async () => {
    const client = connectedClient();
    const serverError = new driverErrors.ResponseError(0x2200, 'unconfigured table t');
    jest.spyOn(client, 'execute').mockImplementation(() => Promise.reject(serverError));
    const error = (await connectionWith(client).execute('SELECT * FROM "ks"."t"').catch((e: unknown) => e)) as ExecutionError;
    expect(error).toBeInstanceOf(ExecutionError);
    expect(error.cause).toBe(serverError);
    expect(error.connection).toBe('c1');
    expect(error.cql).toBe('SELECT * FROM "ks"."t"');
    expect(error.serverCode).toBe(0x2200);
    expect(error.message).toContain('unconfigured table t');
    expect(error.message).toContain("'c1'");
  });

  it('wraps "no host available" in ConnectionError', async () => {
    const client = connectedClient();
    jest.spyOn(client, 'execute').mockImplementation(() => Promise.reject(new driverErrors.NoHostAvailableError({}, 'all down')));
    await expect(connectionWith(client).execute('SELECT 1')).rejects.toThrow(ConnectionError);
  });

  it('says in one line why each host failed, not the driver dump of the first inner error', async () => {
    const client = connectedClient();
    const inner = new driverErrors.AuthenticationError('Provided username bob and/or password are incorrect');
    jest.spyOn(client, 'execute').mockImplementation(() => Promise.reject(new driverErrors.NoHostAvailableError({ '127.0.0.6:9042': inner })));
    const error = (await connectionWith(client).execute('SELECT 1').catch((e: unknown) => e)) as ConnectionError;
    expect(error.message).toContain('127.0.0.6:9042: AuthenticationError: Provided username bob and/or password are incorrect');
    expect(error.message).not.toContain('\n');
  });

  it('reports a real connect failure as ConnectionError', async () => {
    await expect(connectionWith(idleClient()).execute('SELECT 1')).rejects.toMatchObject({
      code: 'ERR_CASSIA_CONNECTION',
      connection: 'c1',
    });
  });

  it('rejects bad options before anything is sent', async () => {
    const client = connectedClient();
    const execute = jest.spyOn(client, 'execute');
    await expect(connectionWith(client).execute('SELECT 1', [], { fetchSize: -1 })).rejects.toMatchObject({
      code: 'ERR_CASSIA_CONFIGURATION',
    });
    expect(execute).not.toHaveBeenCalled();
  });
});

describe('Connection errors: where the fault is, and nothing of the values', () => {
  const unprepared = () => {
    const error = new driverErrors.ResponseError(0x2500, 'Prepared query with ID 8f0e not found (either the query was not prepared on this host (maybe the host has been restarted?) or you have prepared too many queries and it is being evicted from the internal cache)');
    return error;
  };

  it('maps "no host" whose every host refused the statement to ExecutionError, with the server code', async () => {
    const client = connectedClient();
    const noHost = new driverErrors.NoHostAvailableError({ '127.0.0.1:9042': unprepared(), '127.0.0.2:9042': new driverErrors.ResponseError(0x2200, 'unconfigured table t') });
    jest.spyOn(client, 'execute').mockImplementation(() => Promise.reject(noHost));
    const error = (await connectionWith(client).execute('INSERT INTO "ks"."t" (id) VALUES (?)', [1]).catch((e: unknown) => e)) as ExecutionError;
    expect(error).toBeInstanceOf(ExecutionError);
    expect(error.cause).toBe(noHost);
    expect(error.serverCode).toBe(0x2500);
    expect(error.cql).toBe('INSERT INTO "ks"."t" (id) VALUES (?)');
    expect(error.message).toContain('Every host of connection \'c1\' refused the statement');
    expect(error.message).toContain('Prepared query with ID 8f0e not found');
  });

  it('keeps ConnectionError when any host failed otherwise (timeout, overload, socket)', async () => {
    for (const other of [new driverErrors.OperationTimedOutError('timed out', '127.0.0.2:9042'), new driverErrors.ResponseError(0x1001, 'overloaded'), new Error('socket hang up')]) {
      const client = connectedClient();
      const noHost = new driverErrors.NoHostAvailableError({ '127.0.0.1:9042': unprepared(), '127.0.0.2:9042': other });
      jest.spyOn(client, 'execute').mockImplementation(() => Promise.reject(noHost));
      await expect(connectionWith(client).execute('SELECT 1')).rejects.toThrow(ConnectionError);
    }
    const client = connectedClient();
    jest.spyOn(client, 'execute').mockImplementation(() => Promise.reject(new driverErrors.NoHostAvailableError({})));
    await expect(connectionWith(client).execute('SELECT 1')).rejects.toThrow(ConnectionError);
  });

  it.each([
    ['Not a valid bigint, expected Long/Number/String/Buffer, obtained ', 'Not a valid bigint, expected Long/Number/String/Buffer'],
    ['Expected Number, obtained ', 'Expected Number'],
    ['Invalid date: ', 'Invalid date'],
    ['Target data type could not be guessed, you should use prepared statements for accurate type mapping. Value: ', 'Target data type could not be guessed, you should use prepared statements for accurate type mapping. Value'],
  ])('withholds the value the driver encoder quotes in "%s…", in the message, the cause and its stack', async (prefix, kept) => {
    const secret = "{ ssn: '078-05-1120' }";
    const client = connectedClient();
    jest.spyOn(client, 'execute').mockImplementation(() => Promise.reject(new TypeError(`${prefix}${secret}`)));
    await expectWithheld(client, kept);
  });

  it.each([
    ['SyntaxError', () => BigInt('ssn 078-05-1120')],
    ['RangeError', () => BigInt(78.051120)],
    ['TypeError without a known shape', () => { throw new TypeError("can't use 078-05-1120"); }],
  ])('withholds a %s about a value whose message has no known shape', async (_, fail) => {
    const client = connectedClient();
    jest.spyOn(client, 'execute').mockImplementation(() => Promise.reject(thrownBy(fail)));
    await expectWithheld(client, 'A bound value could not be encoded for its column');
  });

  it('keeps encoder messages known to carry no value', async () => {
    const client = connectedClient();
    jest.spyOn(client, 'execute').mockImplementation(() => Promise.reject(new TypeError("A collection can't contain null or unset values")));
    const error = (await connectionWith(client).execute('INSERT 1').catch((e: unknown) => e)) as ExecutionError;
    expect(error.message).toContain("A collection can't contain null or unset values (CQL");
  });

  async function expectWithheld(client: Client, kept: string): Promise<void> {
    const error = (await connectionWith(client).execute('INSERT INTO "ks"."t" (n) VALUES (?)', [{ ssn: '078-05-1120' }]).catch((e: unknown) => e)) as ExecutionError;
    expect(error).toBeInstanceOf(ExecutionError);
    expect(error.message).toContain(kept);
    expect(error.message).toContain('the value is withheld');
    for (const text of [error.message, error.stack, (error.cause as Error).message, (error.cause as Error).stack, inspect(error, { depth: 5 })]) {
      expect(text).not.toMatch(/078-?05-?1120/);
    }
    expect(error.cause).toBeInstanceOf(Error);
  }

  function thrownBy(fn: () => unknown): unknown {
    try {
      fn();
    } catch (error) {
      return error;
    }
    throw new Error('expected a throw');
  }

  it('shows CQL, connection names and server text cut and escaped', async () => {
    const client = connectedClient();
    jest.spyOn(client, 'execute').mockImplementation(() => Promise.reject(new driverErrors.ResponseError(0x2200, `Undefined column name x\n\u001b[31m${'y'.repeat(100_000)}`)));
    const name = `tenant\n\u001b[2J${'n'.repeat(100_000)}`;
    const error = (await connectionWith(client, { name }).execute(`SELECT 1 -- ${'z'.repeat(100_000)}\n`).catch((e: unknown) => e)) as ExecutionError;
    expect(error.message.length).toBeLessThan(2000);
    expect(error.message).not.toMatch(/[\n\u001b]/);
    expect(error.connection).toBe(name);
  });

  it('refuses CQL that is not a string, and options that are not an object, with ConfigurationError', async () => {
    const client = connectedClient();
    const execute = jest.spyOn(client, 'execute');
    const connection = connectionWith(client);
    await expect(connection.execute(Object.create(null) as never)).rejects.toThrow(ConfigurationError);
    await expect(connection.execute('SELECT 1', [], null as never)).rejects.toThrow(ConfigurationError);
    await expect(connection.execute('SELECT 1', [], { timeout: Object.create(null) as never })).rejects.toThrow(ConfigurationError);
    expect(execute).not.toHaveBeenCalled();
  });

  it('reads the event keyspace from own properties only', async () => {
    const client = connectedClient();
    jest.spyOn(client, 'execute').mockImplementation(() => Promise.resolve(emptyResult));
    const events = new EventHub();
    const seen: CassiaEvent[] = [];
    events.on((event) => seen.push(event));
    await connectionWith(client, { events }).execute('SELECT 1', [], Object.create({ keyspace: 'inherited' }) as object);
    expect(seen[0]).toMatchObject({ type: 'query', keyspace: undefined });
  });
});

describe('Connection.batch', () => {
  it('sends one prepared protocol batch with the options', async () => {
    const client = connectedClient();
    const batch = jest.spyOn(client, 'batch').mockImplementation(() => Promise.resolve(emptyResult));
    const connection = connectionWith(client, { defaultConsistency: types.consistencies.localQuorum });
    const statements = [
      { query: 'INSERT INTO "ks"."t" (id) VALUES (?)', params: [1] },
      { query: 'UPDATE "ks2"."c" SET n = n + ? WHERE id = ?', params: [1n, 2] },
    ];
    await connection.batch(statements, { logged: false, timestamp: 10 });
    expect(batch).toHaveBeenCalledTimes(1);
    expect(batch).toHaveBeenCalledWith(statements, {
      prepare: true,
      logged: false,
      timestamp: 10,
      consistency: types.consistencies.localQuorum,
    });
    await connection.batch(statements, { counter: true, serialConsistency: 'serial' });
    expect(batch.mock.calls[1][1]).toMatchObject({ counter: true, serialConsistency: types.consistencies.serial });
  });

  it('rejects an empty batch with QueryBuildError', async () => {
    const client = connectedClient();
    await expect(connectionWith(client).batch([])).rejects.toThrow(QueryBuildError);
  });

  it('wraps driver errors', async () => {
    const client = connectedClient();
    jest.spyOn(client, 'batch').mockImplementation(() => Promise.reject(new driverErrors.ResponseError(0x2200, 'bad')));
    await expect(connectionWith(client).batch([{ query: 'INSERT', params: [] }])).rejects.toThrow(ExecutionError);
  });
});

describe('Connection.shutdown', () => {
  it('shuts down a client it owns, once, and then refuses statements', async () => {
    const client = connectedClient();
    const shutdown = jest.spyOn(client, 'shutdown');
    const execute = jest.spyOn(client, 'execute');
    const connection = connectionWith(client, { ownsClient: true });
    await connection.getClient();
    await connection.shutdown();
    await connection.shutdown();
    expect(shutdown).toHaveBeenCalledTimes(1);
    expect(connection.closed).toBe(true);
    await expect(connection.execute('SELECT 1')).rejects.toThrow(ConnectionError);
    await expect(connection.getClient()).rejects.toThrow(/shut down/);
    expect(execute).not.toHaveBeenCalled();
  });

  it('leaves a caller-owned client open', async () => {
    const client = connectedClient();
    const shutdown = jest.spyOn(client, 'shutdown');
    const connection = connectionWith(client, { ownsClient: false });
    await connection.shutdown();
    expect(shutdown).not.toHaveBeenCalled();
    expect(connection.closed).toBe(true);
  });

  it('waits for a connect in progress before shutting down', async () => {
    const client = idleClient();
    const order: string[] = [];
    let finish: () => void = () => undefined;
    jest.spyOn(client, 'connect').mockImplementation(
      () => new Promise<void>((resolve) => (finish = () => (order.push('connected'), resolve()))),
    );
    jest.spyOn(client, 'shutdown').mockImplementation(async () => void order.push('shutdown'));
    const connection = connectionWith(client);
    const use = connection.getClient();
    const closing = connection.shutdown();
    finish();
    await Promise.all([use, closing]);
    expect(order).toEqual(['connected', 'shutdown']);
  });
});

// A connected client whose statements stay in flight until the test answers them, and whose
// shutdown fails whatever is still in flight the way the driver does ("Socket was closed").
function clientWithStatementsInFlight() {
  const client = connectedClient();
  const inFlight: { resolve: (result: types.ResultSet) => void; reject: (error: Error) => void }[] = [];
  jest.spyOn(client, 'execute').mockImplementation(
    () => new Promise<types.ResultSet>((resolve, reject) => inFlight.push({ resolve, reject })) as never,
  );
  const shutdown = jest.spyOn(client, 'shutdown').mockImplementation(async () => {
    for (const statement of inFlight.splice(0)) statement.reject(new Error('Socket was closed'));
  });
  const answerAll = () => {
    for (const statement of inFlight.splice(0)) statement.resolve(emptyResult);
  };
  return { client, inFlight, shutdown, answerAll };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('Connection.shutdown drains', () => {
  it('lets statements in flight finish before the client closes, and still runs statements sent to it meanwhile', async () => {
    const { client, inFlight, shutdown, answerAll } = clientWithStatementsInFlight();
    const connection = connectionWith(client, { drainTimeout: 10_000 });
    await connection.getClient();
    const statements = Array.from({ length: 64 }, (_, i) => connection.execute('INSERT ...', [i]));
    const closing = connection.shutdown({ reason: 'replaced' });
    await tick();
    expect(connection.state).toBe('draining');
    expect(shutdown).not.toHaveBeenCalled();
    // Someone still holding this Connection object (a paged read) is served while it drains.
    const late = connection.execute('SELECT ...');
    await tick();
    expect(inFlight).toHaveLength(65);
    answerAll();
    await expect(Promise.all([...statements, late])).resolves.toHaveLength(65);
    await closing;
    expect(shutdown).toHaveBeenCalledTimes(1);
    expect(connection.state).toBe('closed');
    await expect(connection.execute('SELECT ...')).rejects.toThrow(/replaced by a new registration/);
  });

  it('cuts statements off when the drain timeout runs out: they fail with WriteOutcomeUnknownError', async () => {
    const { client, shutdown } = clientWithStatementsInFlight();
    const connection = connectionWith(client, { drainTimeout: 10_000 });
    await connection.getClient();
    const statement = connection.execute('UPDATE ...', [1]).catch((error: unknown) => error);
    const started = Date.now();
    await connection.shutdown({ drainTimeout: 50, reason: 'unregistered' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(shutdown).toHaveBeenCalledTimes(1);
    const error = (await statement) as WriteOutcomeUnknownError;
    expect(error).toBeInstanceOf(WriteOutcomeUnknownError);
    expect(error.code).toBe('ERR_CASSIA_WRITE_OUTCOME_UNKNOWN');
    expect(error.connection).toBe('c1');
    expect(error.cql).toBe('UPDATE ...');
    expect(error.message).toContain('may or may not have been applied');
    expect(error.message).toContain('unregistered');
    expect((error.cause as Error).message).toBe('Socket was closed');
  });

  it('a server error that arrives after a cut-off stays an ExecutionError', async () => {
    const { client, inFlight } = clientWithStatementsInFlight();
    jest.spyOn(client, 'shutdown').mockImplementation(async () => {
      for (const statement of inFlight.splice(0)) statement.reject(new driverErrors.ResponseError(0x2200, 'invalid'));
    });
    const connection = connectionWith(client);
    await connection.getClient();
    const statement = connection.execute('SELECT ...').catch((error: unknown) => error);
    await connection.shutdown({ drainTimeout: 0 });
    expect(await statement).toBeInstanceOf(ExecutionError);
  });

  it('a hold keeps it draining until released, bounded by the drain timeout', async () => {
    const { client, shutdown } = clientWithStatementsInFlight();
    const connection = connectionWith(client, { drainTimeout: 10_000 });
    const hold = connection.hold();
    let closed = false;
    const closing = connection.shutdown().then(() => (closed = true));
    await tick();
    expect(closed).toBe(false);
    expect(connection.state).toBe('draining');
    hold.release();
    hold.release();
    await closing;
    expect(shutdown).toHaveBeenCalledTimes(1);
    expect(() => connection.hold()).toThrow(ConnectionError);

    const other = connectionWith(connectedClient(), { drainTimeout: 30 });
    other.hold();
    await other.shutdown();
    expect(other.closed).toBe(true);
  });

  it('concurrent shutdowns resolve together, when the close is done', async () => {
    const { client, shutdown, answerAll } = clientWithStatementsInFlight();
    const connection = connectionWith(client, { drainTimeout: 10_000 });
    await connection.getClient();
    const statement = connection.execute('SELECT ...');
    const first = connection.shutdown();
    const second = connection.shutdown({ drainTimeout: 0 });
    expect(second).toBe(first);
    await tick();
    answerAll();
    await statement;
    await second;
    expect(shutdown).toHaveBeenCalledTimes(1);
    expect(connection.closed).toBe(true);
  });

  it("never cuts off statements on a caller's client (it stays open, they finish there)", async () => {
    const { client, shutdown, answerAll } = clientWithStatementsInFlight();
    const connection = connectionWith(client, { ownsClient: false, drainTimeout: 20 });
    await connection.getClient();
    const statement = connection.execute('SELECT ...');
    await connection.shutdown();
    expect(shutdown).not.toHaveBeenCalled();
    answerAll();
    await expect(statement).resolves.toBe(emptyResult);
  });
});

describe('Connection events and display', () => {
  it('reports queries with connection, keyspace, CQL, duration and error code, never values', async () => {
    const client = connectedClient();
    jest
      .spyOn(client, 'execute')
      .mockImplementationOnce(() => Promise.resolve(emptyResult))
      .mockImplementationOnce(() => Promise.reject(new driverErrors.ResponseError(0x2200, 'bad')));
    jest.spyOn(client, 'batch').mockImplementation(() => Promise.resolve(emptyResult));
    const events = new EventHub();
    const seen: CassiaEvent[] = [];
    events.on((event) => seen.push(event));
    const connection = connectionWith(client, { events });
    await connection.execute('SELECT * FROM "ks"."t" WHERE id = ?', ['secret-value'], { keyspace: 'ks' });
    await connection.execute('SELECT 2', []).catch(() => undefined);
    await connection.batch([{ query: 'Q1', params: [1] }, { query: 'Q2', params: [2] }]);
    expect(seen).toEqual([
      expect.objectContaining({ type: 'query', kind: 'execute', connection: 'c1', keyspace: 'ks', cql: 'SELECT * FROM "ks"."t" WHERE id = ?', statements: 1, errorCode: undefined }),
      expect.objectContaining({ type: 'query', kind: 'execute', keyspace: undefined, errorCode: 'ERR_CASSIA_EXECUTION' }),
      expect.objectContaining({ type: 'query', kind: 'batch', cql: 'Q1\nQ2', statements: 2 }),
    ]);
    for (const event of seen) {
      expect(typeof (event as { durationMs: number }).durationMs).toBe('number');
      expect(JSON.stringify(event)).not.toContain('secret-value');
    }
  });

  it('a throwing listener does not break the statement', async () => {
    const client = connectedClient();
    jest.spyOn(client, 'execute').mockImplementation(() => Promise.resolve(emptyResult));
    const events = new EventHub();
    events.on(() => {
      throw new Error('broken logger');
    });
    await expect(connectionWith(client, { events }).execute('SELECT 1')).resolves.toBe(emptyResult);
  });

  it('shows name and keyspace only, never the client', () => {
    const connection = connectionWith(idleClient(), { keyspace: 'ks1', secrets: ['pw'] });
    expect(connection.toJSON()).toEqual({ name: 'c1', keyspace: 'ks1', ownsClient: true, state: 'open' });
    expect(inspect(connection)).toBe("Connection { name: 'c1', keyspace: 'ks1', ownsClient: true, state: 'open' }");
  });
});

describe('driver options of shared statement options', () => {
  it('are made once per shared options object, and per statement for any other (frozen or not)', async () => {
    const client = connectedClient();
    const execute = jest.spyOn(client, 'execute').mockImplementation((() => Promise.resolve(emptyResult)) as never);
    const connection = connectionWith(client);
    const shared = shareStatementOptions({ fetchSize: 7 });
    const frozen = Object.freeze({ fetchSize: 9 });
    for (let i = 0; i < 3; i++) {
      await connection.run('SELECT 1', [], shared, undefined, undefined);
      await connection.run('SELECT 2', [], frozen, undefined, undefined);
    }
    const sent = execute.mock.calls.map((call) => (call as unknown[])[2] as QueryOptions);
    // The same driver options object for every statement of the shared options...
    expect(sent[0]).toBe(sent[2]);
    expect(sent[2]).toBe(sent[4]);
    expect(sent[0]).toMatchObject({ fetchSize: 7, prepare: true });
    // ...and a fresh one for options that merely happen to be frozen.
    expect(sent[1]).not.toBe(sent[3]);
    expect(sent[1]).toMatchObject({ fetchSize: 9, prepare: true });
    expect(isSharedStatementOptions(shared)).toBe(true);
    expect(isSharedStatementOptions(frozen)).toBe(false);
    expect(Object.isFrozen(shared)).toBe(true);
  });
});
