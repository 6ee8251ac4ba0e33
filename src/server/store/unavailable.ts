import { ProblemError } from '../problem.js';

/** Seconds a caller is asked to wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// PostgreSQL SQLSTATEs of a server that is gone or not taking work: class 08 (connection exception),
// 57P01-57P03 (admin shutdown, crash shutdown, starting up), 53300 (too many connections).
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
// Socket errors on the way to the database server.
const NET_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);
// node-postgres reports a lost or never-made connection by message only.
const PG_CONNECTION_LOST =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable)/;
// SQLite: the file is locked by another process past the busy timeout, cannot be opened, or the disk fails or is full.
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|CANTOPEN|IOERR|FULL|READONLY)/;

/**
 * Whether an error means the database cannot be reached or is not taking work right now (a
 * restart, a failover, a lock held elsewhere), as opposed to a query or a bug of ours. Such an
 * error goes away by itself; the caller may retry.
 */
function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (PG_UNAVAILABLE.test(code) || NET_UNAVAILABLE.has(code) || SQLITE_UNAVAILABLE.test(code))) {
      return true;
    }
    if (PG_CONNECTION_LOST.test(e.message)) return true;
  }
  return false;
}

/** The answer for an error of an unavailable database (503 with Retry-After); undefined for any other error. */
export function databaseUnavailableProblem(err: unknown): ProblemError | undefined {
  // A problem is already decided (a vendor's ECONNREFUSED is vendor_unreachable, not the database).
  if (err instanceof ProblemError || !isDatabaseUnavailable(err)) return undefined;
  return new ProblemError(
    'database_unavailable',
    'The service cannot reach its database right now. Try again in a few seconds.',
    undefined,
    {
      cause: err,
      headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) },
    },
  );
}
