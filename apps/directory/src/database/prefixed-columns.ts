/**
 * Reading two tables' rows in one statement: `prefixedColumns('caller', 'id, name')` selects
 * `caller.id AS "caller__id", caller.name AS "caller__name"`, and `unprefixed(row, 'caller')`
 * gives back `{ id, name }`, or null when the LEFT JOIN found no row (its id is null).
 * Without the prefixes the two tables' `id`, `created_at`, ... would overwrite each other.
 */
const SEPARATOR = '__';

export function prefixedColumns(alias: string, columns: string): string {
  return columnNames(columns)
    .map((column) => `${alias}.${column} AS "${alias}${SEPARATOR}${column}"`)
    .join(', ');
}

export function unprefixed<Row>(row: Record<string, unknown> | undefined, alias: string): Row | null {
  if (!row || row[`${alias}${SEPARATOR}id`] == null) return null;
  const prefix = `${alias}${SEPARATOR}`;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key.startsWith(prefix)) result[key.slice(prefix.length)] = value;
  }
  return result as Row;
}

function columnNames(columns: string): string[] {
  return columns.split(',').map((column) => column.trim());
}
