// Each service owns its database and creates it at boot if missing, in whatever server
// DATABASE_URL names (the stack's, CI's, a developer's). Safe when several services or
// test workers race to create the same database.
import { Client } from 'pg';

const DUPLICATE_DATABASE = '42P04';
// Two concurrent CREATE DATABASE of one name can also collide on pg_database's index.
const UNIQUE_VIOLATION = '23505';

/** Creates database `name` on the server if missing; returns the URL of that database. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      await client.query(`create database ${client.escapeIdentifier(name)}`).catch((error: { code?: string }) => {
        if (error.code !== DUPLICATE_DATABASE && error.code !== UNIQUE_VIOLATION) throw error;
      });
    }
  } finally {
    await client.end();
  }
  return databaseUrl(serverUrl, name);
}

/** The server URL with its database part replaced by `name` (query options kept). */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}
