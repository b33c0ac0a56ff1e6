/**
 * The order people read lists of names in: the Unicode root collation (ICU, `und-x-icu`),
 * the same for every script. The database's default collation is `C` wherever the cluster
 * was created without a locale (the embedded Postgres, most containers): code-point order,
 * which put Č, Š and Ž after z and Serbian Ђ before А. Keyset comparisons must use the
 * same collation as the ORDER BY, or pages would skip or repeat rows.
 */
export const NAME_COLLATION = 'COLLATE "und-x-icu"';

/** `lower(column)` in reading order, for ORDER BY and keyset comparisons alike. */
export function byName(column: string): string {
  return `lower(${column}) ${NAME_COLLATION}`;
}
