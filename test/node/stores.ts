import { after, before, describe, test } from 'node:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { redact } from '../../src/server/store/store.js';

/** Where a suite's platform keeps its data: a temp dir, plus a unique PostgreSQL schema. */
export interface StoreFixture {
  kind: 'SQLite' | 'PostgreSQL';
  options(): { dataDir: string; databaseUrl?: string; databaseSchema?: string };
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function probePostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (e) {
    return (e as Error).message || String(e);
  } finally {
    await client.end().catch(() => {});
  }
}

const pgUnreachable = await probePostgres();

function fixture(kind: StoreFixture['kind']): StoreFixture & { setup(): Promise<void>; teardown(): Promise<void> } {
  let dataDir = '';
  const schema = `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  return {
    kind,
    options: () => {
      if (!dataDir) throw new Error('store fixture used outside its suite');
      return kind === 'SQLite' ? { dataDir } : { dataDir, databaseUrl: TEST_DATABASE_URL, databaseSchema: schema };
    },
    async setup() {
      dataDir = await mkdtemp(join(tmpdir(), 'ce-store-'));
    },
    async teardown() {
      await rm(dataDir, { recursive: true, force: true });
      if (kind !== 'PostgreSQL') return;
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        // pg-boss (the webhook queue) keeps its tables in a schema beside ours.
        for (const s of [schema, `${schema}_pgboss`]) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Runs one suite against every store (or those of `kinds`): SQLite always, PostgreSQL when reachable
 * (skipped with the reason otherwise). Each run gets its own temp dir and, on PostgreSQL, its own schema.
 */
export function describeStores(
  title: string,
  body: (store: StoreFixture) => void,
  kinds: readonly StoreFixture['kind'][] = ['SQLite', 'PostgreSQL'],
): void {
  for (const kind of kinds) {
    if (kind === 'PostgreSQL' && pgUnreachable) {
      test(`${title} (PostgreSQL)`, (t) => t.skip(`PostgreSQL not reachable at ${redact(TEST_DATABASE_URL)}: ${pgUnreachable}`));
      continue;
    }
    describe(`${title} (${kind})`, () => {
      const f = fixture(kind);
      before(() => f.setup());
      after(() => f.teardown());
      body(f);
    });
  }
}
