// A service's migrations, run by Nx (nx.json's targetDefaults; `nx run <svc>:<target>`):
//   migration:run     migrates the service's database: cpx_<svc> (cpx_<CPX_INSTANCE>_<svc>) on
//                     DATABASE_URL's server, else on `npm start`'s Postgres (instance dev, which
//                     must not be running: stop npm start, or set DATABASE_URL to its server)
//   migration:revert  reverts the last migration there
//   migration:create  --name=<what-it-does>: an empty migration in apps/<svc>/src/database/migrations/
//   schema:check      on a throw-away database (DATABASE_URL's server, else an embedded Postgres
//                     of its own): runs every migration and compares the schema with
//                     apps/<svc>/src/database/schema.sql (a diff when they differ), reverts every
//                     migration (which must leave nothing behind), runs them again (which must
//                     give the same schema); and checks each migration is listed in the service
//   schema:write      the same, writing schema.sql instead of comparing with it
// Services keep no TypeORM entities (ADR 13): the migrations define the tables, and
// schema.sql is their result in review. The migrations are the platform's messaging
// tables, then every class in the service's migrations folder, in TypeORM's order.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource, type MigrationInterface } from 'typeorm';
import { CreateMessagingTables1764370000000 } from '@cpx/platform';
import { ensureDatabase, startPostgres, type StartedPostgres } from '@cpx/stack';
import { isEmptySchema, readCatalogSchema, renderCatalogSchema } from './catalog-schema';
import { lineDiff } from './line-diff';

const root = path.resolve(__dirname, '../..');
type MigrationClass = new () => MigrationInterface;

const [command, service, ...rest] = process.argv.slice(2);
const commands: Record<string, () => Promise<void>> = { run, revert, create, check: () => checkSchema('check'), write: () => checkSchema('write') };

if (!command || !commands[command] || !service || !existsSync(migrationsDir(service))) {
  process.stderr.write(
    `Usage: tools/database/migrations.ts <${Object.keys(commands).join('|')}> <service> [--name=<what-it-does>]\n` +
      (service && !existsSync(migrationsDir(service)) ? `${path.relative(root, migrationsDir(service))} does not exist.\n` : ''),
  );
  process.exit(2);
}
commands[command]!().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

function migrationsDir(name: string): string {
  return path.join(root, 'apps', name, 'src', 'database', 'migrations');
}

function schemaFile(name: string): string {
  return path.join(root, 'apps', name, 'src', 'database', 'schema.sql');
}

/** Every migration class of the folder (files sorted; TypeORM orders them by their timestamp). */
function serviceMigrations(name: string): { file: string; migration: MigrationClass }[] {
  const dir = migrationsDir(name);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .sort()
    .flatMap((file) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by file name, through @swc-node/register
      const exports = require(path.join(dir, file)) as Record<string, unknown>;
      const classes = Object.values(exports).filter(
        (value): value is MigrationClass => typeof value === 'function' && typeof (value as { prototype?: { up?: unknown } }).prototype?.up === 'function',
      );
      if (classes.length === 0) throw new Error(`${path.relative(root, path.join(dir, file))} exports no migration class`);
      return classes.map((migration) => ({ file, migration }));
    });
}

function dataSource(url: string, migrations: MigrationClass[]): DataSource {
  return new DataSource({ type: 'postgres', url, migrations: [CreateMessagingTables1764370000000, ...migrations], synchronize: false, migrationsRun: false, logging: ['error'] });
}

/** The database `migration:run` and `migration:revert` act on: the one the service itself opens. */
async function serviceDatabase(name: string): Promise<{ url: string; postgres: StartedPostgres }> {
  const postgres = await startPostgres({ instance: 'dev' });
  const instance = process.env.CPX_INSTANCE?.trim();
  const database = instance ? `cpx_${instance}_${name}` : `cpx_${name}`;
  return { url: await ensureDatabase(postgres.serverUrl, database), postgres };
}

async function run(): Promise<void> {
  const { url, postgres } = await serviceDatabase(service!);
  const source = dataSource(url, serviceMigrations(service!).map(({ migration }) => migration));
  try {
    await source.initialize();
    const ran = await source.runMigrations({ transaction: 'each' });
    process.stdout.write(ran.length > 0 ? ran.map((migration) => `ran ${migration.name}\n`).join('') : 'nothing to run: the database is up to date\n');
  } finally {
    await source.destroy().catch(() => undefined);
    await postgres.close();
  }
}

async function revert(): Promise<void> {
  const { url, postgres } = await serviceDatabase(service!);
  const source = dataSource(url, serviceMigrations(service!).map(({ migration }) => migration));
  try {
    await source.initialize();
    const before = await executedCount(source);
    if (before === 0) {
      process.stdout.write('nothing to revert\n');
      return;
    }
    await source.undoLastMigration({ transaction: 'each' });
    process.stdout.write(`reverted the last migration (${before - 1} left)\n`);
  } finally {
    await source.destroy().catch(() => undefined);
    await postgres.close();
  }
}

async function create(): Promise<void> {
  const nameArg = rest.find((arg) => arg.startsWith('--name='))?.slice('--name='.length) ?? '';
  const words = nameArg.split(/[^A-Za-z0-9]+/).filter(Boolean).map((word) => word.toLowerCase());
  if (words.length === 0) throw new Error('Say what the migration does: --name=<what-it-does>, e.g. --name=agency-website');
  const timestamp = Date.now();
  const className = `${words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('')}${timestamp}`;
  const file = path.join(migrationsDir(service!), `${timestamp}-${words.join('-')}.ts`);
  writeFileSync(
    file,
    `import type { MigrationInterface, QueryRunner } from 'typeorm';

/** TODO: why this change, in a sentence or two. */
export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`\`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`\`);
  }
}
`,
  );
  process.stdout.write(
    `wrote ${path.relative(root, file)}\n` +
      `Then: list ${className} in the service's migrations (app.module.ts), and write the schema it leaves: nx run ${service}:schema:write\n`,
  );
}

async function executedCount(source: DataSource): Promise<number> {
  const tables = (await source.query(`SELECT to_regclass('migrations') IS NOT NULL AS present`)) as { present: boolean }[];
  if (!tables[0]?.present) return 0;
  const rows = (await source.query('SELECT count(*)::int AS count FROM migrations')) as { count: number }[];
  return rows[0]?.count ?? 0;
}

/** Migrations the service never lists are never run by it: the folder and the module must agree. */
function unlistedMigrations(name: string, found: { file: string; migration: MigrationClass }[]): string[] {
  const sources: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !/\.(spec|int-spec)\.ts$/.test(entry.name)) sources.push({ file: full, text: readFileSync(full, 'utf8') });
    }
  };
  walk(path.join(root, 'apps', name, 'src'));
  return found
    .filter(({ file, migration }) => {
      const own = path.join(migrationsDir(name), file);
      return !sources.some((source) => source.file !== own && new RegExp(`\\b${migration.name}\\b`).test(source.text));
    })
    .map(({ migration }) => migration.name);
}

async function checkSchema(mode: 'check' | 'write'): Promise<void> {
  const found = serviceMigrations(service!);
  const migrations = found.map(({ migration }) => migration);
  const problems: string[] = [];
  const unlisted = unlistedMigrations(service!, found);
  if (unlisted.length > 0) problems.push(`Not listed in apps/${service}/src (so the service never runs them): ${unlisted.join(', ')}.`);

  const postgres = await startPostgres({ instance: `schema-${service}` });
  const database = `cpx_schema_${service}_${randomBytes(4).toString('hex')}`;
  // Names that carry the database's name (the alerts service's runtime role) are shown as the real database's.
  const rename = (text: string) => text.split(database).join(`cpx_${service}`);
  const url = await ensureDatabase(postgres.serverUrl, database);
  const source = dataSource(url, migrations);
  const schemaNow = async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return await readCatalogSchema(client);
    } finally {
      await client.end();
    }
  };
  try {
    await source.initialize();
    const ran = await source.runMigrations({ transaction: 'each' });
    const migrated = header(service!) + renderCatalogSchema(await schemaNow(), rename);

    for (let left = await executedCount(source); left > 0; left--) await source.undoLastMigration({ transaction: 'each' });
    const reverted = await schemaNow();
    if (!isEmptySchema(reverted)) {
      problems.push(`Reverting every migration left this behind (a down() that does not undo its up()):\n${renderCatalogSchema(reverted, rename)}`);
    } else {
      // Only on an empty schema: a leftover would make the second run fail on it rather than say what it is.
      await source.runMigrations({ transaction: 'each' });
      const again = header(service!) + renderCatalogSchema(await schemaNow(), rename);
      if (again !== migrated) {
        problems.push(`Running the migrations again after reverting them gives another schema:\n${lineDiff(migrated, again, { before: 'first run', after: 'after revert and run again' })}`);
      }
    }

    const file = schemaFile(service!);
    const relative = path.relative(root, file);
    if (mode === 'write') {
      writeFileSync(file, migrated);
      process.stdout.write(`wrote ${relative} (${ran.length} migrations)\n`);
    } else if (!existsSync(file)) {
      problems.push(`${relative} is missing: write it with nx run ${service}:schema:write, and review it.`);
    } else {
      const diff = lineDiff(readFileSync(file, 'utf8'), migrated, { before: relative, after: `the schema ${ran.length} migrations leave` });
      if (diff) {
        problems.push(
          `${relative} differs from the schema the migrations leave on a fresh database. A migration changed without ` +
            `its schema.sql, or schema.sql was edited by hand: if the migrations are right, run nx run ${service}:schema:write and review the difference.\n${diff}`,
        );
      }
    }
  } finally {
    await source.destroy().catch(() => undefined);
    await dropDatabase(postgres.serverUrl, database);
    await postgres.close();
  }
  if (problems.length > 0) throw new Error(`${service}: schema check failed.\n\n${problems.join('\n\n')}`);
  if (mode === 'check') process.stdout.write(`${service}: ${migrations.length + 1} migrations revert cleanly and leave apps/${service}/src/database/schema.sql exactly\n`);
}

/** Drops the throw-away database, and the roles named after it that a migration made (roles outlive databases). */
async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
    const roles = (await client.query(`SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1)`, [`${database}_`])).rows as { rolname: string }[];
    for (const { rolname } of roles) await client.query(`DROP ROLE IF EXISTS ${client.escapeIdentifier(rolname)}`);
  } finally {
    await client.end();
  }
}

function header(name: string): string {
  return `-- The ${name} service's database schema as its migrations leave it (ADR 13), read
-- from Postgres's catalog. Never edit by hand: change a migration, then
--   nx run ${name}:schema:write
-- and review the difference. npm test's schema tier runs nx run ${name}:schema:check,
-- which fails when the migrations leave anything else.

`;
}
