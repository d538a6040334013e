// Test certificates for the `tls` cluster, made with the JDK alone (keytool, and `java` for the one
// step keytool lacks: writing a private key as PEM). Generated once under <cassia home>/tls.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cassiaHome } from './paths';
import { TestkitError } from './testkit-error';

/** The address the `tls` cluster's node binds to; its certificate names it (SAN ip). */
export const TLS_NODE_ADDRESS = '127.0.0.8';

/** A certificate and its private key, as PEM text. */
export interface PemPair {
  certPem: string;
  keyPem: string;
}

/** What testkit generated for the `tls` cluster (all paths under `tlsDir()`). */
export interface TlsMaterial {
  /** The folder holding every file below. */
  dir: string;
  /** Password of every PKCS12 store here (test material only). */
  storePassword: string;
  /** The test CA's certificate (PEM) every other certificate here is signed by, and its path. */
  caPem: string;
  caPemPath: string;
  /** The node's PKCS12 keystore (key + certificate for 127.0.0.8, chained to the CA). */
  keystorePath: string;
  /** A PKCS12 truststore holding the CA. */
  truststorePath: string;
  /** A client certificate and key signed by the CA (the PEM of client.pem and client-key.pem). */
  client: PemPair;
  /** A CA that signed nothing here: trusting it alone must fail. */
  otherCaPem: string;
  /** A certificate for 127.0.0.8 signed by the CA that expired long ago. */
  expired: PemPair;
  /** A valid certificate signed by the CA for another host (127.0.0.99, other.invalid). */
  otherHost: PemPair;
}

const STORE_PASSWORD = 'cassia-test';
// Bumped when what is generated changes, so an older folder is made again.
const MATERIAL_VERSION = '1';

/** The folder testkit keeps TLS test material in: `<cassia home>/tls`. */
export function tlsDir(): string {
  return join(cassiaHome(), 'tls');
}

/** The `tls` cluster's certificates and stores, generated with keytool on first use. */
export function tlsMaterial(): TlsMaterial {
  const dir = tlsDir();
  if (readIfExists(join(dir, 'VERSION')) !== MATERIAL_VERSION) generate(dir);
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  return {
    dir,
    storePassword: STORE_PASSWORD,
    caPem: read('ca.pem'),
    caPemPath: join(dir, 'ca.pem'),
    keystorePath: join(dir, 'node-keystore.p12'),
    truststorePath: join(dir, 'truststore.p12'),
    client: { certPem: read('client.pem'), keyPem: read('client-key.pem') },
    otherCaPem: read('other-ca.pem'),
    expired: { certPem: read('expired.pem'), keyPem: read('expired-key.pem') },
    otherHost: { certPem: read('other-host.pem'), keyPem: read('other-host-key.pem') },
  };
}

// Writes a PKCS12 store's private key as PKCS#8 PEM, which keytool cannot do. Run by java's
// single-file source launcher: java ExportKeys.java <password> <store> <alias> <out> [...]
const EXPORT_KEYS_JAVA = `import java.nio.file.*; import java.security.*; import java.util.Base64;
public class ExportKeys { public static void main(String[] a) throws Exception {
  char[] pw = a[0].toCharArray();
  for (int i = 1; i + 2 < a.length; i += 3) {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(Path.of(a[i]))) { ks.load(in, pw); }
    Key key = ks.getKey(a[i + 1], pw);
    String body = Base64.getMimeEncoder(64, "\\n".getBytes()).encodeToString(key.getEncoded());
    Files.writeString(Path.of(a[i + 2]), "-----BEGIN PRIVATE KEY-----\\n" + body + "\\n-----END PRIVATE KEY-----\\n");
  } } }
`;

function generate(finalDir: string): void {
  const dir = `${finalDir}.tmp-${process.pid}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const keytool = (...args: string[]) => run(process.env.CASSIA_KEYTOOL ?? 'keytool', args, dir);
  const store = (file: string) => ['-keystore', join(dir, file), '-storetype', 'PKCS12', '-storepass', STORE_PASSWORD];
  const keyPair = (file: string, alias: string, dname: string, ...ext: string[]) =>
    keytool('-genkeypair', '-alias', alias, '-keyalg', 'EC', '-groupname', 'secp256r1', '-dname', dname, '-validity', '3650', ...ext, ...store(file));
  // A CSR of `alias` in `file`, signed by the test CA into `<name>.pem` (PEM), with the given extensions and dates.
  const signed = (file: string, alias: string, name: string, ...gencert: string[]) => {
    keytool('-certreq', '-alias', alias, '-file', join(dir, `${name}.csr`), ...store(file));
    keytool('-gencert', '-alias', 'ca', '-rfc', '-infile', join(dir, `${name}.csr`), '-outfile', join(dir, `${name}.pem`), ...gencert, ...store('ca.p12'));
  };

  keyPair('ca.p12', 'ca', 'CN=Cassia test CA', '-ext', 'bc:c');
  keytool('-exportcert', '-rfc', '-alias', 'ca', '-file', join(dir, 'ca.pem'), ...store('ca.p12'));
  keyPair('other-ca.p12', 'ca', 'CN=Cassia unrelated test CA', '-ext', 'bc:c');
  keytool('-exportcert', '-rfc', '-alias', 'ca', '-file', join(dir, 'other-ca.pem'), ...store('other-ca.p12'));

  keyPair('node-keystore.p12', 'node', `CN=${TLS_NODE_ADDRESS}`);
  signed('node-keystore.p12', 'node', 'node', '-validity', '3650', '-ext', `san=ip:${TLS_NODE_ADDRESS}`);
  // The node presents the chain: the CA first, then the signed certificate as its key's reply.
  keytool('-importcert', '-noprompt', '-alias', 'ca', '-file', join(dir, 'ca.pem'), ...store('node-keystore.p12'));
  keytool('-importcert', '-noprompt', '-alias', 'node', '-file', join(dir, 'node.pem'), ...store('node-keystore.p12'));
  keytool('-importcert', '-noprompt', '-alias', 'ca', '-file', join(dir, 'ca.pem'), ...store('truststore.p12'));

  keyPair('client.p12', 'client', 'CN=cassia-test-client');
  signed('client.p12', 'client', 'client', '-validity', '3650');
  keyPair('expired.p12', 'expired', `CN=${TLS_NODE_ADDRESS}`);
  signed('expired.p12', 'expired', 'expired', '-startdate', '-30d', '-validity', '2', '-ext', `san=ip:${TLS_NODE_ADDRESS}`);
  keyPair('other-host.p12', 'other', 'CN=other.invalid');
  signed('other-host.p12', 'other', 'other-host', '-validity', '3650', '-ext', 'san=ip:127.0.0.99,dns:other.invalid');

  writeFileSync(join(dir, 'ExportKeys.java'), EXPORT_KEYS_JAVA);
  run(process.env.CASSIA_JAVA ?? 'java', [
    join(dir, 'ExportKeys.java'), STORE_PASSWORD,
    join(dir, 'client.p12'), 'client', join(dir, 'client-key.pem'),
    join(dir, 'expired.p12'), 'expired', join(dir, 'expired-key.pem'),
    join(dir, 'other-host.p12'), 'other', join(dir, 'other-host-key.pem'),
  ], dir);
  writeFileSync(join(dir, 'VERSION'), MATERIAL_VERSION);
  // Another process may have finished first; either copy is as good.
  rmSync(finalDir, { recursive: true, force: true });
  renameSync(dir, finalDir);
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new TestkitError(
      'ERR_TESTKIT_TLS_MATERIAL',
      `Generating TLS test material failed at \`${command} ${args[0]}\`: ${(result.error?.message ?? result.stderr ?? '').trim()}. ` +
        'It needs a JDK 17 (keytool and java); set CASSIA_JAVA / CASSIA_KEYTOOL to use another.',
    );
  }
}

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : undefined;
}
