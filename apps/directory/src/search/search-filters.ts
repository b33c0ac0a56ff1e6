/** The filters agency and professional searches share, as SQL on a query being built. */
import { DomainError, LANGUAGE_TAG } from '@cpx/platform';
import { escapeLike, searchPatterns } from '@cpx/names';
import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { canonicalLanguageTag } from '../languages/language-tags';

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
export function whereSearchTextMatches<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, column: string, text: string): void {
  const patterns = searchPatterns(text).map((pattern) => `%${escapeLike(pattern)}%`);
  query.andWhere(
    new Brackets((matches) => {
      patterns.forEach((pattern, index) => matches.orWhere(`${column} LIKE :searchText${index} ESCAPE '\\'`, { [`searchText${index}`]: pattern }));
    }),
  );
}

/**
 * The language filter as a BCP 47 language range: a tag and the tags that extend it
 * (RFC 4647 basic filtering), so "sr" finds those who work in sr-Cyrl or sr-Latn, and
 * "sr-Latn" those in sr-Latn-ME too. Stored tags are canonical (language-tags.ts), and
 * so is the filter once put right here.
 */
export function whereSpeaks<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, column: string, language: string): void {
  const range = canonicalLanguageTag(language);
  if (!LANGUAGE_TAG.test(range)) {
    throw DomainError.badInput('filter.language', 'filter.language must be a BCP 47 tag such as sr or sr-Cyrl.');
  }
  query.andWhere(`EXISTS (SELECT 1 FROM unnest(${column}) AS tag WHERE tag = :language OR tag LIKE :languageVariants ESCAPE '\\')`, {
    language: range,
    languageVariants: `${escapeLike(range)}-%`,
  });
}
