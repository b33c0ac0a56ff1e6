/**
 * The filters agency and professional searches share, as SQL conditions for their stores
 * (agency.store.ts, professional.store.ts).
 */
import { DomainError, LANGUAGE_TAG } from '@cpx/platform';
import { escapeLike, searchPatterns } from '@cpx/names';
import type { SqlConditions } from '../database/sql-conditions';
import { canonicalLanguageTag } from '../languages/domain/language-tags';

/** Free text is for names and places; a page of text is not a query. */
export function assertSearchText(text: string | undefined): void {
  if (text !== undefined && text.length > 200) {
    throw DomainError.badInput('filter.text', 'filter.text must be at most 200 characters.');
  }
}

/**
 * Rows whose search column contains the text in any of its forms (see @cpx/names
 * searchText): the same name written in another script or romanisation is found.
 */
export function whereSearchTextMatches(conditions: SqlConditions, column: string, text: string): void {
  const patterns = searchPatterns(text).map((pattern) => `%${escapeLike(pattern)}%`);
  conditions.and(patterns.map((pattern) => `${column} LIKE ${conditions.param(pattern)} ESCAPE '\\'`).join(' OR '));
}

/**
 * The language filter as a BCP 47 language range: a tag and the tags that extend it
 * (RFC 4647 basic filtering), so "sr" finds those who work in sr-Cyrl or sr-Latn, and
 * "sr-Latn" those in sr-Latn-ME too. Stored tags are canonical (language-tags.ts), and
 * so is the filter once put right here; a malformed one is refused naming the field.
 */
export function languageRange(language: string): string {
  const range = canonicalLanguageTag(language);
  if (!LANGUAGE_TAG.test(range)) {
    throw DomainError.badInput('filter.language', 'filter.language must be a BCP 47 tag such as sr or sr-Cyrl.');
  }
  return range;
}

/** Rows whose language column holds a tag in the range (see languageRange). */
export function whereSpeaks(conditions: SqlConditions, column: string, language: string): void {
  const range = languageRange(language);
  const tag = conditions.param(range);
  const variants = conditions.param(`${escapeLike(range)}-%`);
  conditions.and(`EXISTS (SELECT 1 FROM unnest(${column}) AS tag WHERE tag = ${tag} OR tag LIKE ${variants} ESCAPE '\\')`);
}
