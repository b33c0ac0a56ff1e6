// A database's schema as text, read from Postgres's catalog with SQL (not pg_dump, whose
// version need not match the server's, and whose output carries the versions, owners and
// settings of the machine). What it holds: every object of the public schema a migration
// makes (tables with their columns, types, nullability and defaults, constraints,
// indexes, triggers, row-level security, grants; functions, sequences, views, enum and
// domain types; extensions), each kind sorted by name, so two databases migrated alike
// print alike whatever the server's version (15 locally, 18 embedded) or the order of
// creation. TypeORM's own `migrations` table is left out: it is bookkeeping, not ours.
// Used by tools/database/migrations.ts (`nx run <svc>:schema:check`, `schema:write`).
import type { Client } from 'pg';

/** Tables of TypeORM's, not of any migration. */
const BOOKKEEPING_TABLES = ['migrations', 'typeorm_metadata'];

export interface CatalogSchema {
  tables: TableSchema[];
  sequences: { name: string; definition: string; grants: { grantee: string; privileges: string[] }[] }[];
  views: { name: string; kind: string; definition: string }[];
  functions: { signature: string; definition: string }[];
  types: { name: string; definition: string }[];
  extensions: string[];
}

export interface TableSchema {
  name: string;
  columns: { name: string; type: string; notNull: boolean; default: string | null; generated: string | null; identity: string | null; collation: string | null }[];
  constraints: { name: string; definition: string }[];
  indexes: { name: string; definition: string }[];
  triggers: { name: string; definition: string }[];
  policies: { name: string; definition: string }[];
  rowSecurity: boolean;
  grants: { grantee: string; privileges: string[] }[];
}

/** Reads the schema of the database `client` is connected to. */
export async function readCatalogSchema(client: Client): Promise<CatalogSchema> {
  const rows = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await client.query(sql, params)).rows as T[];

  const tables = await rows<{ oid: number; name: string; row_security: boolean }>(
    `SELECT c.oid, c.relname AS name, c.relrowsecurity AS row_security
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT (c.relname = ANY($1))
      ORDER BY c.relname`,
    [BOOKKEEPING_TABLES],
  );
  const result: CatalogSchema = { tables: [], sequences: [], views: [], functions: [], types: [], extensions: [] };
  for (const table of tables) {
    const columns = await rows<{ name: string; type: string; not_null: boolean; default: string | null; generated: string; identity: string; collation: string | null }>(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
              pg_get_expr(d.adbin, d.adrelid) AS default, a.attgenerated AS generated, a.attidentity AS identity,
              CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation
         FROM pg_attribute a
         JOIN pg_type t ON t.oid = a.atttypid
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         LEFT JOIN pg_collation co ON co.oid = a.attcollation
        WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum`,
      [table.oid],
    );
    // contype 'n': Postgres 18 also records NOT NULL as a constraint; the column says it already.
    const constraints = await rows<{ name: string; definition: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS definition
         FROM pg_constraint WHERE conrelid = $1 AND contype <> 'n' ORDER BY conname`,
      [table.oid],
    );
    // Indexes a constraint made (primary key, unique, exclusion) are shown by the constraint.
    const indexes = await rows<{ name: string; definition: string }>(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid AND c.conrelid = x.indrelid)
        ORDER BY i.relname`,
      [table.oid],
    );
    const triggers = await rows<{ name: string; definition: string }>(
      `SELECT tgname AS name, pg_get_triggerdef(oid) AS definition FROM pg_trigger WHERE tgrelid = $1 AND NOT tgisinternal ORDER BY tgname`,
      [table.oid],
    );
    const policies = await rows<{ name: string; definition: string }>(
      `SELECT policyname AS name,
              format('AS %s FOR %s TO %s USING (%s) WITH CHECK (%s)', permissive, cmd, array_to_string(roles, ', '), qual, with_check) AS definition
         FROM pg_policies WHERE schemaname = 'public' AND tablename = $1 ORDER BY policyname`,
      [table.name],
    );
    // Grants to others than the table's owner (who holds everything anyway).
    const grants = await rows<{ grantee: string; privileges: string[] }>(
      `SELECT CASE WHEN acl.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(acl.grantee) END AS grantee,
              array_agg(acl.privilege_type ORDER BY acl.privilege_type) AS privileges
         FROM pg_class c, aclexplode(c.relacl) acl
        WHERE c.oid = $1 AND acl.grantee <> c.relowner
        GROUP BY 1 ORDER BY 1`,
      [table.oid],
    );
    result.tables.push({
      name: table.name,
      columns: columns.map((column) => ({
        name: column.name,
        type: column.type,
        notNull: column.not_null,
        default: column.generated ? null : column.default,
        generated: column.generated ? column.default : null,
        identity: column.identity === 'a' ? 'ALWAYS' : column.identity === 'd' ? 'BY DEFAULT' : null,
        collation: column.collation,
      })),
      constraints,
      indexes,
      triggers,
      policies,
      rowSecurity: table.row_security,
      grants,
    });
  }

  result.sequences = await rows(
    `SELECT c.relname AS name,
            (SELECT coalesce(json_agg(json_build_object('grantee', g.grantee, 'privileges', g.privileges) ORDER BY g.grantee), '[]')
               FROM (SELECT CASE WHEN acl.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(acl.grantee) END AS grantee,
                            array_agg(acl.privilege_type ORDER BY acl.privilege_type) AS privileges
                       FROM aclexplode(c.relacl) acl WHERE acl.grantee <> c.relowner GROUP BY 1) g) AS grants,
            format('AS %s INCREMENT BY %s MINVALUE %s MAXVALUE %s START WITH %s%s', format_type(s.seqtypid, NULL), s.seqincrement, s.seqmin, s.seqmax, s.seqstart,
                   coalesce(' OWNED BY ' || owner.relname || '.' || a.attname, '')) AS definition
       FROM pg_sequence s
       JOIN pg_class c ON c.oid = s.seqrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_depend d ON d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
       LEFT JOIN pg_class owner ON owner.oid = d.refobjid
       LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
      WHERE n.nspname = 'public' AND NOT (coalesce(owner.relname, '') = ANY($1))
      ORDER BY c.relname`,
    [BOOKKEEPING_TABLES],
  );
  result.views = await rows(
    `SELECT c.relname AS name, CASE c.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END AS kind, pg_get_viewdef(c.oid, true) AS definition
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm') ORDER BY c.relname`,
  );
  // Functions made by an extension belong to it, not to a migration.
  result.functions = await rows(
    `SELECT p.oid::regprocedure::text AS signature, pg_get_functiondef(p.oid) AS definition
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
      ORDER BY 1`,
  );
  result.types = await rows(
    `SELECT t.typname AS name,
            CASE t.typtype
              WHEN 'e' THEN 'AS ENUM (' || (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) || ')'
              ELSE 'DOMAIN AS ' || format_type(t.typbasetype, t.typtypmod) || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END ||
                   coalesce(' DEFAULT ' || t.typdefault, '') ||
                   coalesce((SELECT string_agg(' ' || pg_get_constraintdef(c.oid), '' ORDER BY c.conname) FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype <> 'n'), '')
            END AS definition
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
      ORDER BY t.typname`,
  );
  // Names only: an extension's version is the server's business.
  result.extensions = (await rows<{ name: string }>(`SELECT extname AS name FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY extname`)).map((row) => row.name);
  return result;
}

/** True when the schema holds nothing a migration made (after every migration was reverted). */
export function isEmptySchema(schema: CatalogSchema): boolean {
  return [schema.tables, schema.sequences, schema.views, schema.functions, schema.types, schema.extensions].every((list) => list.length === 0);
}

/**
 * The schema as SQL-like text, one statement per object. `rename` maps names that depend on
 * the database the schema was read from (a throw-away database's runtime role) to the
 * names of the service's real database.
 */
export function renderCatalogSchema(schema: CatalogSchema, rename: (text: string) => string = (text) => text): string {
  const out: string[] = [];
  const statement = (text: string) => out.push(`${rename(text)}\n`);
  for (const name of schema.extensions) statement(`CREATE EXTENSION ${name};`);
  for (const type of schema.types) statement(`CREATE TYPE ${type.name} ${type.definition};`);
  for (const sequence of schema.sequences) {
    statement(`CREATE SEQUENCE ${sequence.name} ${sequence.definition};`);
    for (const grant of sequence.grants) statement(`GRANT ${grant.privileges.join(', ')} ON SEQUENCE ${sequence.name} TO ${grant.grantee};`);
  }
  for (const fn of schema.functions) statement(`${fn.definition.trim()};`);
  for (const table of schema.tables) {
    const lines = [
      ...table.columns.map((column) =>
        [
          `  ${column.name} ${column.type}`,
          column.collation ? ` COLLATE ${column.collation}` : '',
          column.identity ? ` GENERATED ${column.identity} AS IDENTITY` : '',
          column.generated ? ` GENERATED ALWAYS AS (${column.generated}) STORED` : '',
          column.notNull ? ' NOT NULL' : '',
          column.default !== null ? ` DEFAULT ${column.default}` : '',
        ].join(''),
      ),
      ...table.constraints.map((constraint) => `  CONSTRAINT ${constraint.name} ${constraint.definition}`),
    ];
    statement(`CREATE TABLE ${table.name} (\n${lines.join(',\n')}\n);`);
    for (const index of table.indexes) statement(`${index.definition};`);
    for (const trigger of table.triggers) statement(`${trigger.definition};`);
    if (table.rowSecurity) statement(`ALTER TABLE ${table.name} ENABLE ROW LEVEL SECURITY;`);
    for (const policy of table.policies) statement(`CREATE POLICY ${policy.name} ON ${table.name} ${policy.definition};`);
    for (const grant of table.grants) statement(`GRANT ${grant.privileges.join(', ')} ON ${table.name} TO ${grant.grantee};`);
  }
  for (const view of schema.views) statement(`CREATE ${view.kind} ${view.name} AS\n${view.definition.trim().replace(/;$/, '')};`);
  return out.join('\n');
}
