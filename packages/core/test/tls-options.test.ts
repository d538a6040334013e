// The tls and cloud options: the driver options they become, the shapes refused before anything
// connects, key material kept out of every message, and TLS failures named as such.
import { generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import { errors as driverErrors } from 'cassandra-driver';
import { ConfigurationError, ConnectionError, ConnectionRegistry, type CassiaEvent, type RegisterOptions } from '@cassia/core';
import { planConnection } from '../src/connection-options';
import { keyMaterialSecrets } from '../src/secrets';
import { describeTlsFailure } from '../src/tls-failure';
import { idleClient, REFUSED } from './helpers';

// A real private key (so it has the body lines a leak would show) and a certificate-shaped PEM.
const KEY_PEM = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const KEY_LINES = KEY_PEM.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----'));
const CERT_PEM = `-----BEGIN CERTIFICATE-----\n${'QUJD'.repeat(16)}\n-----END CERTIFICATE-----\n`;
const PASSPHRASE = 'open-sesame-passphrase';

function owned(options: RegisterOptions) {
  const plan = planConnection('c1', options);
  if (plan.kind !== 'owned') throw new Error('expected an owned plan');
  return plan;
}

function refusal(options: unknown): ConfigurationError {
  try {
    planConnection('c1', options as RegisterOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

function everythingAbout(value: unknown): string {
  const parts = [inspect(value, { depth: 8 })];
  if (value instanceof Error) parts.push(value.message, String(value.stack));
  return parts.join('\n');
}

function expectNoKeyMaterial(text: string): void {
  for (const line of KEY_LINES) expect(text).not.toContain(line);
  expect(text).not.toContain(PASSPHRASE);
}

describe('the tls option', () => {
  it('becomes sslOptions that verify the chain and the server name, with the CA, client pair and serverName', () => {
    const plan = owned({ contactPoints: ['127.0.0.8'], tls: { ca: CERT_PEM, cert: CERT_PEM, key: KEY_PEM, passphrase: PASSPHRASE, serverName: 'db.example' } });
    expect(plan.clientOptions.sslOptions).toEqual({
      rejectUnauthorized: true,
      ca: [CERT_PEM],
      cert: CERT_PEM,
      key: KEY_PEM,
      passphrase: PASSPHRASE,
      servername: 'db.example',
    });
    expect(plan.clientOptions.contactPoints).toEqual(['127.0.0.8']);
    expect(plan.secrets).toEqual(expect.arrayContaining([...KEY_LINES, PASSPHRASE]));
  });

  it('takes Buffers and a list of CAs, and checkServerName: false turns only the name check off', () => {
    const ca = [Buffer.from(CERT_PEM), CERT_PEM];
    const plan = owned({ contactPoints: ['127.0.0.8'], tls: { ca, checkServerName: false } });
    const ssl = plan.clientOptions.sslOptions as Record<string, unknown>;
    expect(ssl.rejectUnauthorized).toBe(true);
    expect(ssl.ca).toEqual(ca);
    expect((ssl.checkServerIdentity as () => unknown)()).toBeUndefined();
    expect(owned({ contactPoints: ['h'], tls: {} }).clientOptions.sslOptions).toEqual({ rejectUnauthorized: true });
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', 'tls-on', /tls of connection 'c1' must be an object/],
    ['an unknown key', { ca: CERT_PEM, rejectUnauthorized: false }, /Unknown option\(s\) 'rejectUnauthorized' for tls/],
    ['a CA without a PEM block', { ca: 'not pem' }, /tls\.ca .* must be PEM text holding a '-----BEGIN CERTIFICATE-----' block/],
    ['an empty CA list', { ca: [] }, /tls\.ca .* at least one/],
    ['a CA that is a number', { ca: [CERT_PEM, 5] }, /tls\.ca\[1\] .* must be PEM text \(a string or Buffer\), got a number/],
    ['a cert without its key', { cert: CERT_PEM }, /cert without its key/],
    ['a key without its cert', { key: KEY_PEM }, /key without its cert/],
    ['a certificate given as the key', { cert: CERT_PEM, key: CERT_PEM }, /tls\.key .* PRIVATE KEY/],
    ['a passphrase without a key', { passphrase: PASSPHRASE }, /passphrase .* only comes with tls\.key/],
    ['an empty serverName', { serverName: '' }, /serverName .* non-empty host name/],
    ['a checkServerName that is not a boolean', { checkServerName: 'no' }, /checkServerName .* boolean/],
  ])('refuses %s with a ConfigurationError', (_, tls, message) => {
    expect(refusal({ contactPoints: ['h'], tls }).message).toMatch(message);
  });

  it('refuses tls together with clientOptions.sslOptions, and with an existing client', () => {
    expect(refusal({ contactPoints: ['h'], tls: {}, clientOptions: { sslOptions: {} } }).message).toMatch(/both tls and clientOptions\.sslOptions/);
    expect(refusal({ client: idleClient(), tls: {} }).message).toMatch(/existing client together with tls/);
  });

  it('never quotes key material in a refusal, wherever the key was put', () => {
    const attempts: unknown[] = [
      KEY_PEM,
      { contactPoints: ['h'], tls: KEY_PEM },
      { contactPoints: ['h'], tls: { ca: KEY_PEM } },
      { contactPoints: ['h'], tls: { cert: KEY_PEM, key: KEY_PEM } },
      { contactPoints: ['h'], tls: { key: KEY_PEM, passphrase: PASSPHRASE } },
      { contactPoints: ['h'], tls: { [KEY_LINES[0]]: KEY_PEM } },
      { contactPoints: ['h'], tls: { cert: CERT_PEM, key: KEY_PEM, passphrase: 42 } },
      { contactPoints: ['h'], tls: { cert: CERT_PEM, key: KEY_PEM }, clientOptions: { sslOptions: { key: KEY_PEM } } },
      { client: idleClient(), tls: { cert: CERT_PEM, key: KEY_PEM } },
      { cloud: { secureConnectBundle: KEY_PEM.length }, tls: { cert: CERT_PEM, key: KEY_PEM } },
    ];
    for (const options of attempts) {
      const error = refusal(options);
      expectNoKeyMaterial(everythingAbout(error));
    }
  });

  it('keeps the key out of connect failures, statements, events and printed connections', async () => {
    const registry = new ConnectionRegistry();
    const events: CassiaEvent[] = [];
    registry.onEvent((event) => events.push(event));
    try {
      const connection = await registry.registerConnection('c1', {
        contactPoints: [REFUSED],
        tls: { ca: CERT_PEM, cert: CERT_PEM, key: KEY_PEM, passphrase: PASSPHRASE },
        lazyConnect: true,
        default: true,
      });
      const error = await registry.execute('SELECT * FROM system.local').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expectNoKeyMaterial(everythingAbout(error));
      expectNoKeyMaterial(inspect(connection, { depth: 10 }));
      expectNoKeyMaterial(JSON.stringify(connection));
      expectNoKeyMaterial(JSON.stringify(events));
      expect(events.length).toBeGreaterThan(0);
    } finally {
      await registry.shutdown();
    }
  });
});

describe('keyMaterialSecrets', () => {
  it('lists the whole key and every body line, so a fragment of the key is redacted too', () => {
    const secrets = keyMaterialSecrets(Buffer.from(KEY_PEM));
    expect(secrets[0]).toBe(KEY_PEM.trim());
    expect(secrets.slice(1)).toEqual(KEY_LINES);
    expect(secrets.slice(1).some((secret) => secret.includes('-----'))).toBe(false);
  });
});

describe('the cloud option', () => {
  it('becomes the driver cloud option, without contact points or a local datacenter (the bundle names them)', () => {
    const plan = owned({ cloud: { secureConnectBundle: '/secure/bundle.zip' }, credentials: { username: 'u', password: 'p4ssw0rd-cloud' } });
    expect(plan.clientOptions.cloud).toEqual({ secureConnectBundle: '/secure/bundle.zip' });
    expect(plan.clientOptions).not.toHaveProperty('contactPoints');
    expect(plan.clientOptions).not.toHaveProperty('localDataCenter');
    expect(plan.clientOptions).not.toHaveProperty('sslOptions');
    expect(plan.secrets).toContain('p4ssw0rd-cloud');
  });

  it.each<[string, unknown, RegExp]>([
    ['contactPoints', { cloud: { secureConnectBundle: '/b.zip' }, contactPoints: ['h'] }, /cloud together with contactPoints/],
    ['tls', { cloud: { secureConnectBundle: '/b.zip' }, tls: {} }, /cloud together with tls/],
    ['localDataCenter', { cloud: { secureConnectBundle: '/b.zip' }, localDataCenter: 'dc1' }, /cloud together with localDataCenter/],
    ['clientOptions.sslOptions', { cloud: { secureConnectBundle: '/b.zip' }, clientOptions: { sslOptions: {} } }, /both cloud and clientOptions\.sslOptions/],
    ['a missing bundle', { cloud: {} }, /cloud\.secureConnectBundle .* must be the path/],
    ['an empty bundle path', { cloud: { secureConnectBundle: '' } }, /cloud\.secureConnectBundle/],
    ['an unknown key', { cloud: { secureConnectBundle: '/b.zip', region: 'x' } }, /Unknown option\(s\) 'region' for cloud/],
    ['not an object', { cloud: '/b.zip' }, /Option cloud of connection 'c1' must be an object/],
    ['clientOptions.cloud', { contactPoints: ['h'], clientOptions: { cloud: { secureConnectBundle: '/b.zip' } } }, /must not set cloud/],
  ])('refuses %s with a ConfigurationError', (_, options, message) => {
    expect(refusal(options).message).toMatch(message);
  });

  it('is typed as a replacement for contactPoints, which cannot come with contactPoints or tls', () => {
    const bundle = { secureConnectBundle: '/b.zip' };
    const fine: RegisterOptions[] = [{ cloud: bundle, keyspace: 'ks', credentials: { username: 'u', password: 'p' } }, { contactPoints: ['h'], tls: { ca: CERT_PEM } }];
    // @ts-expect-error a bundle names the hosts itself
    const withHosts: RegisterOptions = { cloud: bundle, contactPoints: ['h'] };
    // @ts-expect-error a bundle carries its own TLS material
    const withTls: RegisterOptions = { cloud: bundle, tls: {} };
    expect(fine.map((options) => planConnection('c1', options).kind)).toEqual(['owned', 'owned']);
    expect([withHosts, withTls]).toHaveLength(2);
  });

  it('still needs contact points when there is no bundle', () => {
    expect(refusal({}).message).toMatch(/needs contactPoints .* a cloud secure connect bundle, or an existing client/);
  });

  it('fails to connect with a ConnectionError when the bundle cannot be read', async () => {
    const registry = new ConnectionRegistry();
    try {
      const error = await registry.registerConnection('c1', { cloud: { secureConnectBundle: '/nonexistent/cassia-bundle.zip' } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).toMatch(/^Connecting 'c1' failed: /);
      expect(registry.listConnections()).toEqual([]);
    } finally {
      await registry.shutdown();
    }
  });
});

describe('describeTlsFailure', () => {
  const tlsClient = { options: { sslOptions: { rejectUnauthorized: true } } } as never;
  const plainClient = { options: {} } as never;
  const hostError = (code: string | undefined, message: string) => Object.assign(new Error(message), code === undefined ? {} : { code });
  const noHost = (...inner: Error[]) => new driverErrors.NoHostAvailableError(Object.fromEntries(inner.map((e, i) => [`127.0.0.${50 + i}:9042`, e])));

  it.each<[string, RegExp]>([
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', /not signed by a CA in tls\.ca/],
    ['SELF_SIGNED_CERT_IN_CHAIN', /CA that tls\.ca does not hold/],
    ['CERT_HAS_EXPIRED', /certificate has expired/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', /does not name the host/],
    ['ERR_SSL_WRONG_VERSION_NUMBER', /TLS handshake with the node failed/],
  ])('names %s as a TLS problem', (code, meaning) => {
    const text = describeTlsFailure(noHost(hostError(code, 'x')), tlsClient);
    expect(text).toMatch(/^TLS problem: /);
    expect(text).toMatch(meaning);
  });

  it('suspects TLS when a plain connection is closed by every host, and not for a refused port', () => {
    expect(describeTlsFailure(noHost(hostError(undefined, 'Connection closed')), plainClient)).toMatch(/may be a TLS problem: .*give the tls option/);
    expect(describeTlsFailure(noHost(hostError('ECONNREFUSED', 'connect ECONNREFUSED')), plainClient)).toBeUndefined();
    expect(describeTlsFailure(noHost(hostError(undefined, 'Connection closed')), tlsClient)).toBeUndefined();
    expect(describeTlsFailure(new Error('boom'), plainClient)).toBeUndefined();
  });

  it('does not suspect TLS when a statement times out on a plain client that had connected', () => {
    const timedOut = noHost(hostError(undefined, 'The host 127.0.0.3:9042 did not reply before timeout 1500 ms'));
    expect(describeTlsFailure(timedOut, plainClient, 'connect')).toMatch(/may be a TLS problem/);
    expect(describeTlsFailure(timedOut, plainClient, 'statement')).toBeUndefined();
    expect(describeTlsFailure(noHost(hostError(undefined, 'Connection closed')), plainClient, 'statement')).toBeUndefined();
  });
});
