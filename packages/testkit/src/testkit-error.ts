// Errors testkit raises while preparing or running local nodes.

/** A local cluster could not be prepared, started or stopped; `code` says which step failed. */
export class TestkitError extends Error {
  constructor(
    readonly code: 'ERR_TESTKIT_NO_JAVA' | 'ERR_TESTKIT_NO_MAVEN' | 'ERR_TESTKIT_RESOLVE' | 'ERR_TESTKIT_PORT_TAKEN' | 'ERR_TESTKIT_NODE_FAILED' | 'ERR_TESTKIT_LOCKED' | 'ERR_TESTKIT_TLS_MATERIAL' | 'ERR_TESTKIT_BAD_HEAP',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TestkitError';
  }
}
