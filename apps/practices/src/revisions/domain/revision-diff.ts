/**
 * What changed between two revisions of a practice, section by section, in the order and
 * with the names of the review comments (workflow/domain/review-comment.ts), so a
 * reviewer reads "body: 3 lines changed, evidence.criteria.transferability: NONE -> PLUS"
 * and comments on exactly that section. Only changed sections are listed. Texts are
 * compared by line (the body's Markdown source, the summary), the title as a whole, lists
 * as sets (added, removed), the evidence and implementation blocks field by field.
 */
import type { PracticeContent } from '../../practices/domain/practice-content';
import { lineDiff, type LineOp } from './line-diff';

export type SectionChange =
  | { readonly section: 'title'; readonly kind: 'text'; readonly before: string; readonly after: string }
  | { readonly section: 'summary' | 'body'; readonly kind: 'lines'; readonly lines: readonly LineOp[]; readonly added: number; readonly removed: number }
  | { readonly section: ListSection; readonly kind: 'list'; readonly added: readonly string[]; readonly removed: readonly string[] }
  | { readonly section: 'evidence' | 'implementation' | 'language'; readonly kind: 'fields'; readonly fields: readonly FieldChange[] };

export interface FieldChange {
  /** Dotted, as in the input: `criteria.effectiveness`, `legalPrerequisites.MK`. */
  readonly path: string;
  readonly before?: string;
  readonly after?: string;
}

const LIST_SECTIONS = ['themes', 'targetGroups', 'countries', 'organisations', 'alertKinds', 'contacts', 'links', 'attachments'] as const;
type ListSection = (typeof LIST_SECTIONS)[number];

export function revisionDiff(before: PracticeContent, after: PracticeContent): SectionChange[] {
  const changes: SectionChange[] = [];
  const language = fieldChanges({ language: before.language }, { language: after.language });
  if (language.length) changes.push({ section: 'language', kind: 'fields', fields: language });
  if (before.title !== after.title) changes.push({ section: 'title', kind: 'text', before: before.title, after: after.title });
  for (const section of ['summary', 'body'] as const) {
    if (before[section] === after[section]) continue;
    const lines = lineDiff(before[section], after[section]);
    changes.push({ section, kind: 'lines', lines, added: count(lines, 'added'), removed: count(lines, 'removed') });
  }
  for (const section of LIST_SECTIONS) {
    const old = listKeys(before[section]);
    const now = listKeys(after[section]);
    const added = now.filter((key) => !old.includes(key));
    const removed = old.filter((key) => !now.includes(key));
    if (added.length || removed.length) changes.push({ section, kind: 'list', added, removed });
  }
  for (const section of ['evidence', 'implementation'] as const) {
    const fields = fieldChanges(before[section], after[section]);
    if (fields.length) changes.push({ section, kind: 'fields', fields });
  }
  return changes;
}

function count(lines: readonly LineOp[], kind: LineOp['kind']): number {
  return lines.filter((line) => line.kind === kind).length;
}

/** A list entry as a reader names it: a code or id as is; an organisation or link by its name and address. */
function listKeys(list: readonly unknown[]): string[] {
  return list.map((entry) => {
    if (typeof entry === 'string') return entry;
    const record = entry as Record<string, string>;
    if ('url' in record) return `${record['label']} <${record['url']}>`;
    return record['name'] ?? `agency ${record['agencyId']}`;
  });
}

/** Leaf fields that differ, by dotted path; per-country entries keyed by country, so a new country reads as one change. */
function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const old = flatten(before);
  const now = flatten(after);
  const paths = [...new Set([...old.keys(), ...now.keys()])];
  return paths
    .filter((path) => old.get(path) !== now.get(path))
    .map((path) => ({ path, ...(old.has(path) ? { before: old.get(path)! } : {}), ...(now.has(path) ? { after: now.get(path)! } : {}) }));
}

function flatten(value: unknown, path = '', into = new Map<string, string>()): Map<string, string> {
  if (value === undefined || value === null) return into;
  if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => {
      if (isCountryEntry(item)) {
        const { country, ...rest } = item;
        flatten(rest, join(path, country), into);
      } else {
        flatten(item, join(path, String(index)), into);
      }
    });
    return into;
  }
  if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) flatten(item, join(path, key), into);
    return into;
  }
  into.set(path, String(value));
  return into;
}

function isCountryEntry(item: unknown): item is { country: string } & Record<string, unknown> {
  return typeof item === 'object' && item !== null && typeof (item as { country?: unknown }).country === 'string';
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
