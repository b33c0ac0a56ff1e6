/**
 * Each service owns one Postgres database on the configured server. On start it
 * creates the database if it is missing and runs its migrations (never `synchronize`),
 * holding an advisory lock so two instances starting together do not race.
 */
import { Client } from 'pg';
import { DataSource, EntitySchema, MigrationInterface } from 'typeorm';

/** An entity class as TypeORM takes it: any constructor; its shape is the entity's business. */
export type EntityClass = abstract new (...args: never[]) => object;

export interface ServiceDatabaseOptions {
  /** Server URL from DATABASE_URL; its database part is only used to connect for CREATE DATABASE. */
  serverUrl: string;
  database: string;
  entities: (EntityClass | EntitySchema)[];
  migrations: (new () => MigrationInterface)[];
  poolSize?: number;
  /** A transaction left idle this long is ended by Postgres; see below. */
  idleInTransactionTimeoutMs?: number;
  /**
   * The role the service's pooled connections act as (`SET ROLE` at connection start),
   * created by the service's own migrations with fewer privileges than the owner's (the
   * alerts service's cannot change its audit log). Migrations still run as the
   * connecting user, on a connection of their own, before the pool opens.
   */
  runtimeRole?: string;
}

/**
 * No code path leaves a transaction idle (no outside calls inside one), so a transaction
 * idle this long belongs to a process that hung or lost its way: Postgres ends it, and
 * the locks it held (a feed's append lock, rows being claimed) go to the instances still
 * working instead of stopping them all.
 */
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

const MIGRATION_LOCK = 7_201_117; // any constant; one per database since the lock is per database

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) {
    throw new Error(`Database name ${JSON.stringify(database)} is not a plain lowercase identifier.`);
  }
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${database}"`);
      } catch (error) {
        // Another instance created it between our check and our CREATE: that is fine.
        if ((error as { code?: string }).code !== '42P04' && (error as { code?: string }).code !== '23505') throw error;
      }
    }
  } finally {
    await client.end();
  }
}

export async function openServiceDatabase(options: ServiceDatabaseOptions): Promise<DataSource> {
  await ensureDatabase(options.serverUrl, options.database);
  const url = databaseUrl(options.serverUrl, options.database);
  if (options.runtimeRole !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.runtimeRole)) {
    throw new Error(`Runtime role ${JSON.stringify(options.runtimeRole)} is not a plain lowercase identifier.`);
  }
  const connect = (extra: { max: number; options?: string }) =>
    new DataSource({
      type: 'postgres',
      url,
      entities: options.entities,
      migrations: options.migrations,
      synchronize: false,
      migrationsRun: false,
      extra: {
        ...extra,
        // TCP keep-alive: a pooled connection the network drops is noticed while it is idle.
        keepAlive: true,
        idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? IDLE_IN_TRANSACTION_TIMEOUT_MS,
      },
    });
  const poolSize = options.poolSize ?? 10;
  if (!options.runtimeRole) {
    const dataSource = connect({ max: poolSize });
    await dataSource.initialize();
    await migrate(dataSource, url);
    return dataSource;
  }
  const owner = connect({ max: 1 });
  await owner.initialize();
  try {
    await migrate(owner, url);
  } finally {
    await owner.destroy();
  }
  const runtime = connect({ max: poolSize, options: `-c role=${options.runtimeRole}` });
  await runtime.initialize();
  return runtime;
}

async function migrate(dataSource: DataSource, url: string): Promise<void> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}
