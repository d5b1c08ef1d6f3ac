import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { backupsMigration } from './backups.migration.js';

export type Dialect = 'sqlite' | 'postgres';

type Db = Kysely<unknown>;

// Migrations live in code, not in a folder read at run time, so src/ and dist/ behave alike.
function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_foundation': {
      async up(db: Db) {
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('email', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) =>
            c.notNull().references('users.id').onDelete('cascade'),
          )
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('csrf_token', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

        await db.schema
          .createTable('login_attempts')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('attempted_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('login_attempts_key_idx')
          .on('login_attempts')
          .columns(['key', 'attempted_at'])
          .execute();

        await db.schema
          .createTable('agents')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('owner_id', 'text', (c) =>
            c.notNull().references('users.id').onDelete('cascade'),
          )
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('credential_hash', 'text', (c) => c.notNull().unique())
          .addColumn('hostname', 'text')
          .addColumn('agent_version', 'text')
          .addColumn('tools_json', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('last_seen_at', 'text')
          .addColumn('revoked_at', 'text')
          .addColumn('is_embedded', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('agents_owner_idx').on('agents').column('owner_id').execute();

        await db.schema
          .createTable('agent_connections')
          .addColumn('socket_id', 'text', (c) => c.primaryKey())
          .addColumn('agent_id', 'text', (c) =>
            c.notNull().references('agents.id').onDelete('cascade'),
          )
          .addColumn('server_id', 'text', (c) => c.notNull())
          .addColumn('connected_at', 'text', (c) => c.notNull())
          .addColumn('heartbeat_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('agent_connections_agent_idx')
          .on('agent_connections')
          .column('agent_id')
          .execute();
        await db.schema
          .createIndex('agent_connections_server_idx')
          .on('agent_connections')
          .column('server_id')
          .execute();

        await db.schema
          .createTable('enrollment_tokens')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('owner_id', 'text', (c) =>
            c.notNull().references('users.id').onDelete('cascade'),
          )
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('used_at', 'text')
          .addColumn('agent_id', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('databases')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('owner_id', 'text', (c) =>
            c.notNull().references('users.id').onDelete('cascade'),
          )
          .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('engine', 'text', (c) => c.notNull())
          .addColumn('host', 'text', (c) => c.notNull())
          .addColumn('port', 'integer')
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('database_name', 'text', (c) => c.notNull())
          .addColumn('sealed_password', 'text')
          .addColumn('options_json', 'text', (c) => c.notNull().defaultTo('{}'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('databases_owner_idx')
          .on('databases')
          .column('owner_id')
          .execute();

        await db.schema
          .createTable('meta')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();

        if (dialect === 'postgres') {
          // The socket.io adapter sends large payloads through this table and does not create it.
          await db.schema
            .createTable('socket_io_attachments')
            .addColumn('id', 'bigserial', (c) => c.unique())
            .addColumn('created_at', 'timestamptz', (c) => c.defaultTo(sql`now()`))
            .addColumn('payload', 'bytea')
            .execute();
        }
      },
    },
    '0002_backups': backupsMigration,
    // The Databases list shows each database's newest run: one look-up per database.
    '0003_runs_by_database': {
      async up(db: Db) {
        await db.schema
          .createIndex('backup_runs_database_started_idx')
          .on('backup_runs')
          .columns(['database_id', 'started_at'])
          .execute();
      },
    },
    // A running backup's bar fills against the raw size of the job's last successful run.
    '0004_expected_sizes': {
      async up(db: Db) {
        await db.schema.alterTable('backup_runs').addColumn('expected_bytes', 'bigint').execute();
      },
    },
  };
}

export const migrationProvider = (dialect: Dialect): MigrationProvider => ({
  getMigrations: () => Promise.resolve(migrations(dialect)),
});
