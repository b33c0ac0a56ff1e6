// Names and text across Latin, Cyrillic and Greek: folding and romanisation for search,
// and the guard that keeps a child's names out of free texts. Pure TypeScript, no Nest.
export * from './folding';
export { byEarKey } from './by-ear';
export * from './invisible-characters';
export * from './homoglyphs';
export { romanise, romanisations, ROMANISATIONS, type Romanisation } from './romanisation';
export * from './name-guard';
// The tables of hostile and innocent texts every test of the guard reads (gateway, alerts, e2e).
export * as nameGuardTables from './testing/name-tables';
