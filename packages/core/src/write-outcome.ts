// Which driver errors leave a sent write's outcome unknown, and the message that says so. Only
// non-idempotent writes get this treatment: the driver retries (or sends speculatively) idempotent
// ones itself, and a read changes nothing whatever its answer.
import { errors as driverErrors, types as driverTypes } from 'cassandra-driver';
import type { StatementSafety } from './statement-safety';

// Cassandra's CAS_WRITE_UNKNOWN (protocol v5): a Paxos round whose commit may or may not have landed.
const CAS_WRITE_UNKNOWN = 0x1700;

/**
 * Whether `error` came after the statement was sent and before its outcome was known: the
 * client's read timeout ran out, the server's coordinator timed out waiting for replicas of a write,
 * or the socket closed once the request had been written.
 */
export function leavesWriteOutcomeUnknown(error: unknown): boolean {
  if (error instanceof driverErrors.OperationTimedOutError) return true;
  if (error instanceof driverErrors.ResponseError) {
    return error.code === driverTypes.responseErrorCodes.writeTimeout || error.code === CAS_WRITE_UNKNOWN;
  }
  if (error instanceof Error) {
    const socket = error as { isSocketError?: unknown; requestNotWritten?: unknown };
    return socket.isSocketError === true && socket.requestNotWritten !== true;
  }
  return false;
}

/** Whether a statement of this safety, sent with this idempotence, is a write that must not be retried blindly. */
export function isUnretriableWrite(safety: StatementSafety | undefined, idempotent: boolean | undefined): boolean {
  return (safety === 'non-idempotent-write' || safety === 'conditional-write') && idempotent !== true;
}

/**
 * The message of a WriteOutcomeUnknownError for a statement that timed out or lost its connection:
 * what happened, why Cassia did not retry it, and what to do. `reason` and `cql` are already safe
 * for a message (escaped, cut, no secrets); CQL never holds values (they are bound).
 */
export function writeOutcomeUnknownMessage(label: string, conditional: boolean, reason: string, cql: string): string {
  if (conditional) {
    return (
      `A conditional write (lightweight transaction) on connection ${label} was sent but its answer never came ` +
      `(${reason}): its condition may or may not have been checked, and the write may or may not have been applied. ` +
      `Cassia did not retry it, since a second run could see its own first write. Read the row back at SERIAL ` +
      `consistency to find out, then retry if it is not there. (CQL: ${cql})`
    );
  }
  return (
    `A write on connection ${label} was sent but its answer never came (${reason}): it may or may not have been ` +
    `applied. It is not idempotent (a counter change, or a list append or prepend), so Cassia did not retry it: ` +
    `a second run could apply it twice. Read the row back before retrying, or write it in an idempotent form ` +
    `(a plain value instead of an increment or append). (CQL: ${cql})`
  );
}
