// Recognises a TLS failure in what the driver reports for a failed connect, and says what it means
// in a sentence for the ConnectionError (only read on failure paths, never per statement).
import { errors as driverErrors, type Client } from 'cassandra-driver';
import { ownValue } from './own-properties';

// Node's certificate verification codes (OpenSSL's X509_V_ERR names) and what each means here.
const CERTIFICATE_PROBLEMS: Readonly<Record<string, string>> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the node's certificate is not signed by a CA in tls.ca",
  UNABLE_TO_GET_ISSUER_CERT: "the node's certificate is not signed by a CA in tls.ca",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the node's certificate is not signed by a CA in tls.ca",
  SELF_SIGNED_CERT_IN_CHAIN: "the node's certificate chain ends in a CA that tls.ca does not hold",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the node presents a self-signed certificate that tls.ca does not hold",
  CERT_SIGNATURE_FAILURE: "the node's certificate signature does not verify against tls.ca",
  CERT_HAS_EXPIRED: "the node's certificate has expired",
  CERT_NOT_YET_VALID: "the node's certificate is not valid yet",
  CERT_REVOKED: "the node's certificate is revoked",
  ERR_TLS_CERT_ALTNAME_INVALID: "the node's certificate does not name the host connected to (or tls.serverName)",
};

/** When the failure happened: while connecting, or running a statement on a client that had connected. */
export type FailureStage = 'connect' | 'statement';

/**
 * A sentence naming the TLS problem behind a failure, or undefined when nothing points to TLS.
 * `client` tells whether TLS was configured (its driver options hold sslOptions). Closed or silent
 * sockets only point to TLS at `connect`: once a plain client has connected, they are not TLS.
 */
export function describeTlsFailure(error: unknown, client: Client, stage: FailureStage = 'connect'): string | undefined {
  const causes = hostErrorsOf(error);
  for (const cause of causes) {
    const code = codeOf(cause);
    if (code !== undefined && CERTIFICATE_PROBLEMS[code] !== undefined) {
      return `TLS problem: ${CERTIFICATE_PROBLEMS[code]} (${code}); check tls.ca, tls.serverName and the node's keystore`;
    }
    if ((code !== undefined && /^ERR_SSL_|^ERR_TLS_|^EPROTO$/.test(code)) || /\bSSL routines\b|\bTLS\b/.test(messageOf(cause))) {
      return `TLS problem: the TLS handshake with the node failed (${code ?? 'handshake error'}); check that the node has client_encryption_options enabled and that tls matches it`;
    }
  }
  if (stage !== 'connect' || usesTls(client) || causes.length === 0) return undefined;
  // A node that requires TLS drops a plain client's first bytes: the socket closes (or stays silent) at once.
  if (causes.every((cause) => /closed|ECONNRESET|socket hang up|timeout|timed out/i.test(`${codeOf(cause) ?? ''} ${messageOf(cause)}`))) {
    return 'this may be a TLS problem: the node closed the plain connection, which a node that requires client-to-node encryption does; give the tls option';
  }
  return undefined;
}

function hostErrorsOf(error: unknown): unknown[] {
  if (error instanceof driverErrors.NoHostAvailableError) {
    const inner: unknown = error.innerErrors;
    return typeof inner === 'object' && inner !== null ? Object.values(inner) : [];
  }
  return error === undefined ? [] : [error];
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = ownValue(error, 'code');
  return typeof code === 'string' ? code : undefined;
}

// Read as an own property rather than by instanceof: errors made by Node's own modules come from
// another realm under some test runners and module loaders.
function messageOf(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? ownValue(error, 'message') : undefined;
  return typeof message === 'string' ? message : '';
}

function usesTls(client: Client): boolean {
  const options = ownValue(client, 'options');
  return typeof options === 'object' && options !== null && ownValue(options, 'sslOptions') != null;
}
