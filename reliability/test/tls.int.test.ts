// TLS: the dedicated `tls` node (127.0.0.8, client_encryption_options required, certificates from
// testkit's tlsMaterial()). The right CA works end to end; the wrong CA, a plain client, a
// certificate for another host and an expired one fail with a ConnectionError that says TLS; and
// the client's private key appears in no error, event or console line. The expired and other-host
// certificates are presented by TLS servers this file runs on its own loopback addresses.
import { createServer, type Server } from 'node:tls';
import { inspect } from 'node:util';
import * as core from '@cassia/core';
import { ConnectionError, type CassiaEvent, type TlsOptions } from '@cassia/core';
import { createSimpleKeyspace, dropKeyspace, syncTable } from '@cassia/management';
import { query } from '@cassia/query';
import { defineModel, t } from '@cassia/schema';
import { clusterSpec, holdLoadLock, stderrProgress, tlsMaterial, type PemPair, type TlsMaterial } from '@cassia/testkit';
import { dedicatedCluster, report, thrownBy, type DedicatedCluster } from './support';

const spec = clusterSpec('tls');
const contactPoint = `${spec.nodes[0].address}:${spec.nativePort}`;
const KEYSPACE = 'cassia_rel_tls';
// Addresses of this file's own TLS servers (nothing else binds them).
const EXPIRED_AT = '127.0.0.58';
const OTHER_HOST_AT = '127.0.0.59';
const FAKE_PORT = 29042;

let cluster: DedicatedCluster;
let material: TlsMaterial;
let keyLines: string[];
const servers: Server[] = [];
const events: CassiaEvent[] = [];
const consoleLines: string[] = [];
const failures: unknown[] = [];
let restore: (() => void)[] = [];
const figures: Record<string, string | number> = {};

const Note = defineModel({
  table: 'note',
  keyspace: KEYSPACE,
  connection: 'tls',
  columns: { id: t.text(), body: t.text(), at: t.timestamp() },
  partitionKey: ['id'],
});

/** The client's own pair on top of `tls`, so every attempt carries the key a leak would show. */
function withClientKey(tls: TlsOptions): TlsOptions {
  return { ...tls, cert: material.client.certPem, key: material.client.keyPem };
}

/** A TLS server presenting `pair` that closes every connection it accepts. */
async function certificateServer(address: string, pair: PemPair): Promise<string> {
  const server = createServer({ cert: pair.certPem, key: pair.keyPem }, (socket) => socket.destroy());
  servers.push(server);
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(FAKE_PORT, address, resolve));
  return `${address}:${FAKE_PORT}`;
}

async function failedRegistration(name: string, options: core.RegisterOptions): Promise<ConnectionError> {
  const began = Date.now();
  const error = await thrownBy(() => core.registerConnection(name, options));
  figures[`${name}Ms`] = Date.now() - began;
  failures.push(error);
  expect(error).toBeInstanceOf(ConnectionError);
  expect(core.listConnections()).not.toContain(name);
  return error as ConnectionError;
}

// Starting and stopping a JVM loads the machine: never beside another file that holds the load lock.
let releaseLoadLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLoadLock = await holdLoadLock(stderrProgress);
}, 1_800_000);

beforeAll(async () => {
  cluster = await dedicatedCluster('tls');
  material = tlsMaterial();
  keyLines = material.client.keyPem.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----'));
  restore.push(core.onEvent((event) => events.push(event)));
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleLines.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 10 }))).join(' '));
    });
    restore.push(() => spy.mockRestore());
  }
}, 300_000);

afterAll(async () => {
  for (const undo of restore) undo();
  restore = [];
  report('tls', figures);
  if (core.listConnections().includes('tls')) await dropKeyspace(KEYSPACE, { connections: ['tls'] }).catch(() => undefined);
  await core.shutdown();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await cluster?.release();
}, 300_000);

test('the right CA (and a client certificate) works end to end: keyspace, syncTable, create, get', async () => {
  const began = Date.now();
  await core.registerConnection('tls', { contactPoints: [contactPoint], tls: withClientKey({ ca: material.caPem }) });
  figures.connectMs = Date.now() - began;
  await createSimpleKeyspace(KEYSPACE, { replicationFactor: 1, connections: ['tls'] });
  const [synced] = await syncTable(Note);
  expect(synced.action).toMatch(/created|unchanged/);
  const at = new Date('2026-12-01T03:00:00.000Z');
  await query(Note).create({ id: 'n1', body: 'over TLS', at });
  expect(await query(Note).where({ id: 'n1' }).get()).toEqual({ id: 'n1', body: 'over TLS', at });
  // A Buffer CA and a CA list work the same.
  await core.registerConnection('tls-buffer', { contactPoints: [contactPoint], tls: { ca: [Buffer.from(material.otherCaPem), Buffer.from(material.caPem)] } });
  expect((await core.execute('SELECT cluster_name FROM system.local', [], { connection: 'tls-buffer' })).first().get('cluster_name')).toBe('tls');
  await core.unregisterConnection('tls-buffer');
});

test('a CA that did not sign the node certificate: ConnectionError naming the TLS problem', async () => {
  const error = await failedRegistration('wrongCa', { contactPoints: [contactPoint], tls: withClientKey({ ca: material.otherCaPem }) });
  expect(error.message).toMatch(/TLS problem: .*tls\.ca/);
  expect(error.connection).toBe('wrongCa');
});

test('a plain connection to the TLS node: ConnectionError that points at TLS', async () => {
  const error = await failedRegistration('plain', { contactPoints: [contactPoint] });
  expect(error.message).toMatch(/TLS problem: .*give the tls option/);
});

test('the server name is checked by default: a name the certificate lacks fails, checkServerName: false accepts it', async () => {
  const error = await failedRegistration('wrongName', { contactPoints: [contactPoint], tls: withClientKey({ ca: material.caPem, serverName: 'other.invalid' }) });
  expect(error.message).toMatch(/TLS problem: .*does not name the host .*ERR_TLS_CERT_ALTNAME_INVALID/);
  await core.registerConnection('nameUnchecked', { contactPoints: [contactPoint], tls: { ca: material.caPem, serverName: 'other.invalid', checkServerName: false } });
  expect((await core.execute('SELECT cluster_name FROM system.local', [], { connection: 'nameUnchecked' })).first().get('cluster_name')).toBe('tls');
  await core.unregisterConnection('nameUnchecked');
});

test('a certificate for another host, and an expired one (signed by the trusted CA): ConnectionError naming each', async () => {
  const otherHost = await certificateServer(OTHER_HOST_AT, material.otherHost);
  const wrongHost = await failedRegistration('otherHost', { contactPoints: [otherHost], tls: withClientKey({ ca: material.caPem }) });
  expect(wrongHost.message).toMatch(/TLS problem: the node's certificate does not name the host/);

  const expiredAt = await certificateServer(EXPIRED_AT, material.expired);
  const expired = await failedRegistration('expired', { contactPoints: [expiredAt], tls: withClientKey({ ca: material.caPem }) });
  expect(expired.message).toMatch(/TLS problem: the node's certificate has expired \(CERT_HAS_EXPIRED\)/);
  figures.expiredError = JSON.stringify(expired.message.slice(0, 140));
});

test('the client key appears in no error, connection, event or console line', () => {
  expect(failures.length).toBe(5);
  expect(keyLines.length).toBeGreaterThan(0);
  const texts = [
    ...failures.flatMap((error) => [(error as Error).message, String(error), JSON.stringify(error), (error as Error).stack ?? '', inspect(error, { depth: Infinity, showHidden: true })]),
    inspect(core.getConnection('tls'), { depth: 10 }),
    JSON.stringify(core.getConnection('tls')),
    JSON.stringify(events),
    ...consoleLines,
  ];
  for (const text of texts) for (const line of keyLines) expect(text).not.toContain(line);
  expect(events.length).toBeGreaterThan(0);
  figures.textsScanned = texts.length;
});

// Declared last: it runs after this file's own cleanup.
afterAll(() => releaseLoadLock?.());
