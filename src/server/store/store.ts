import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { chmod, mkdir, open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';

export type {
  Database,
  InstanceRow,
  IdempotencyKeyRow,
  InvitationRow,
  OAuthFlowRow,
  WebhookDeliveryRow,
  TransformationRow,
} from './schema.js';
export { databaseUnavailableProblem } from './unavailable.js';

interface StoreLogger {
  warn(obj: object, msg?: string): void;
}

export interface StoreOptions {
  /** postgres://… → PostgreSQL; absent → SQLite file `${dataDir}/ce.sqlite`. */
  databaseUrl?: string;
  /** PostgreSQL schema, created when missing (default `public`). */
  databaseSchema?: string;
  dataDir: string;
  /** Where lost database connections and tightened file modes are reported. */
  logger?: StoreLogger;
}

export interface Store {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  /** Where the data lives, for log lines (never the password of a database URL). */
  location: string;
  /**
   * Runs fn in a write transaction that holds a lock named by `lock` (e.g. one tenant's instance
   * names) from its start, on every replica: check-then-insert inside it cannot race.
   */
  lockedTransaction<T>(lock: string, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /** PostgreSQL's pool, for what shares the database without Kysely (the rate limits' counters). */
  pool?: pg.Pool;
  close(): Promise<void>;
}

// First key of PostgreSQL's two-key advisory locks: this application's locks, apart from any other's on the same database.
const ADVISORY_LOCK_SPACE = 0x63656d70; // "cemp"

/** A PostgreSQL schema name this store accepts: a plain identifier within PostgreSQL's 63 characters. */
export const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Whether a database URL is a PostgreSQL one (anything else: use SQLite by leaving it unset). */
export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url);

/** Opens the database and brings its schema up to date. */
export async function openStore(opts: StoreOptions): Promise<Store> {
  if (opts.databaseUrl && !isPostgresUrl(opts.databaseUrl)) {
    throw new Error(
      `The database URL must start with postgres:// (got ${redact(opts.databaseUrl)}); leave it unset to use SQLite in the data directory.`,
    );
  }
  const store = opts.databaseUrl
    ? await openPostgres(opts.databaseUrl, opts.databaseSchema, opts.logger)
    : await openSqlite(opts.dataDir, opts.logger);
  try {
    await migrate(store.db, store.dialect === 'postgres' ? (opts.databaseSchema ?? 'public') : undefined);
  } catch (e) {
    await store.close();
    throw new Error(
      `Cannot open the ${store.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'} database at ${store.location}: ${(e as Error).message}`,
      { cause: e },
    );
  }
  return store;
}

async function openSqlite(dataDir: string, logger: StoreLogger | undefined): Promise<Store> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, 'ce.sqlite');
  await ownerOnly(file, logger);
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  // Another process (a second proxy, a test) may hold the write lock for a moment.
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return {
    db,
    dialect: 'sqlite',
    location: file,
    // BEGIN IMMEDIATE takes SQLite's one write lock up front, so another process cannot write between our read and write.
    lockedTransaction: (_lock, fn) =>
      db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const result = await fn(conn);
          await sql`commit`.execute(conn);
          return result;
        } catch (e) {
          await sql`rollback`.execute(conn).catch(() => {});
          throw e;
        }
      }),
    close: () => db.destroy(),
  };
}

/** The database holds credentials (encrypted) and tenants' data: owner-only (0600), like the key files beside it. */
async function ownerOnly(file: string, logger: StoreLogger | undefined): Promise<void> {
  // Created 0600 before SQLite opens it; SQLite gives its -wal and -shm files the database file's mode.
  await (await open(file, 'a', 0o600)).close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    const mode = (await stat(f).catch(() => undefined))?.mode;
    if (mode === undefined || (mode & 0o077) === 0) continue;
    await chmod(f, 0o600);
    logger?.warn({ file: f }, `${f} was readable by other users; it is owner-only (0600) now`);
  }
}

async function openPostgres(url: string, schema: string | undefined, logger: StoreLogger | undefined): Promise<Store> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid database schema "${schema}": use letters, digits and underscores, starting with a letter.`);
  }
  const location = redact(url) + (schema ? ` (schema ${schema})` : '');
  if (schema) {
    // The schema must exist before pooled connections put it on their search_path.
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    } catch (e) {
      throw new Error(`Cannot open PostgreSQL at ${location}: ${(e as Error).message}`, { cause: e });
    } finally {
      await client.end().catch(() => {});
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // A server that does not answer is unavailable (503), not a request that waits forever.
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
    ...(schema ? { options: `-c search_path="${schema}"` } : {}),
  });
  // PostgreSQL ends idle connections on a restart, a failover or pg_terminate_backend: the pool drops
  // them and opens new ones when needed. Without a listener node would end the process on this event.
  pool.on('error', (err) =>
    logger?.warn({ err, location }, 'PostgreSQL ended an idle connection; the pool opens a new one when needed'),
  );
  // A connection lost while checked out fails its next query instead (answered 503); its error event must not end the process.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    location,
    pool,
    lockedTransaction: (lock, fn) =>
      db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${ADVISORY_LOCK_SPACE}, hashtext(${lock}))`.execute(trx);
        return fn(trx);
      }),
    close: () => db.destroy(),
  };
}

async function migrate(db: Kysely<Database>, schema: string | undefined): Promise<void> {
  // With a schema named, Kysely looks for its migration table there and not in any other schema.
  const migrator = new Migrator({ db, provider: migrationProvider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : inspect(error);
    throw new Error(`Database migration ${failed ?? ''} failed: ${reason}`, { cause: error });
  }
}

/** A database URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the configured database URL';
  }
}
