import type { Kysely, Migration, MigrationProvider } from 'kysely';

/**
 * Migrations live in code (no files to find at run time, so a bundled server works too). Append
 * new ones; never edit one that has shipped. Column types are the dialect-neutral subset.
 */
const migrations: Record<string, Migration> = {
  '0001_instances': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('platform_meta')
        .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('instances')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('tenant_id', 'varchar(200)', (c) => c.notNull())
        .addColumn('user_id', 'varchar(200)', (c) => c.notNull())
        .addColumn('element_key', 'varchar(100)', (c) => c.notNull())
        .addColumn('authentication_type', 'varchar(50)', (c) => c.notNull())
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('configuration', 'text', (c) => c.notNull())
        .addColumn('credentials', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(30)', (c) => c.notNull())
        .addColumn('status_message', 'text')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('instances_tenant').on('instances').columns(['tenant_id', 'created_at']).execute();
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('tenant_id', 'varchar(200)', (c) => c.notNull())
        .addColumn('key', 'varchar(255)', (c) => c.notNull())
        .addColumn('fingerprint', 'varchar(100)', (c) => c.notNull())
        // Deleting an instance forgets the keys that created it.
        .addColumn('instance_id', 'varchar(36)', (c) => c.references('instances.id').onDelete('cascade'))
        .addColumn('state', 'varchar(10)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['tenant_id', 'key'])
        .execute();
      await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('idempotency_keys').execute();
      await db.schema.dropTable('instances').execute();
      await db.schema.dropTable('platform_meta').execute();
    },
  },
  '0002_instance_checks': {
    async up(db: Kysely<any>) {
      // A connection check's outcome: why it needs attention (a problem code), when it was checked, whose account it is.
      await db.schema.alterTable('instances').addColumn('status_reason', 'varchar(50)').execute();
      await db.schema.alterTable('instances').addColumn('checked_at', 'varchar(30)').execute();
      await db.schema.alterTable('instances').addColumn('identity', 'varchar(300)').execute();
    },
    async down(db: Kysely<any>) {
      for (const column of ['identity', 'checked_at', 'status_reason'])
        await db.schema.alterTable('instances').dropColumn(column).execute();
    },
  },
  '0003_webhook_deliveries': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('type', 'varchar(50)', (c) => c.notNull())
        .addColumn('tenant_id', 'varchar(200)', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('state', 'varchar(10)', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('last_status', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('next_attempt_at', 'varchar(30)')
        // The store-backed queue's lease: the worker holding it until then, so no other sends it at the same time.
        .addColumn('locked_until', 'varchar(30)')
        .addColumn('delivered_at', 'varchar(30)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['state', 'next_attempt_at']).execute();
      await db.schema.createIndex('webhook_deliveries_created').on('webhook_deliveries').column('created_at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('webhook_deliveries').execute();
    },
  },
  // RateLimiterPostgres's counters (its own table layout), made here so replicas never race to create it; unused on SQLite.
  '0004_rate_limits': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('rate_limits')
        .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('expire', 'bigint')
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('rate_limits').execute();
    },
  },
  '0005_oauth_flows': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('oauth_flows')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('tenant_id', 'varchar(200)', (c) => c.notNull())
        .addColumn('user_id', 'varchar(200)', (c) => c.notNull())
        .addColumn('element_key', 'varchar(100)', (c) => c.notNull())
        .addColumn('authentication_type', 'varchar(50)', (c) => c.notNull())
        .addColumn('name', 'varchar(100)')
        .addColumn('instance_id', 'varchar(36)')
        .addColumn('secrets', 'text', (c) => c.notNull())
        .addColumn('origin', 'varchar(300)', (c) => c.notNull())
        .addColumn('return_url', 'text')
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('result_instance_id', 'varchar(36)')
        .addColumn('error_code', 'varchar(50)')
        .addColumn('error_message', 'text')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('oauth_flows_expires').on('oauth_flows').column('expires_at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('oauth_flows').execute();
    },
  },
  '0006_invitations': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('invitations')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('tenant_id', 'varchar(200)', (c) => c.notNull())
        .addColumn('email', 'varchar(320)', (c) => c.notNull())
        .addColumn('name', 'varchar(200)')
        .addColumn('elements', 'text', (c) => c.notNull())
        .addColumn('message', 'text')
        // SHA-256 of the link's token (base64url): the token itself is only in the email.
        .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('ttl_hours', 'integer', (c) => c.notNull())
        .addColumn('send_attempts', 'integer', (c) => c.notNull())
        .addColumn('sent_at', 'varchar(30)')
        .addColumn('revoked_at', 'varchar(30)')
        .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('invitations_tenant').on('invitations').columns(['tenant_id', 'created_at']).execute();
      // An Idempotency-Key of POST /admin/invitations names the invitation it made (instance_id is a key to instances).
      await db.schema.alterTable('idempotency_keys').addColumn('invitation_id', 'varchar(36)').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('idempotency_keys').dropColumn('invitation_id').execute();
      await db.schema.dropTable('invitations').execute();
    },
  },
  '0007_transformations': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('transformations')
        .addColumn('tenant_id', 'varchar(200)', (c) => c.notNull())
        // Deleting a connection forgets its mappings.
        .addColumn('instance_id', 'varchar(36)', (c) => c.notNull().references('instances.id').onDelete('cascade'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('vendor_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .addPrimaryKeyConstraint('transformations_pk', ['tenant_id', 'instance_id', 'name'])
        .execute();
      await db.schema.createIndex('transformations_instance').on('transformations').column('instance_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('transformations').execute();
    },
  },
};

export const migrationProvider: MigrationProvider = { getMigrations: async () => migrations };
