/**
 * The languages practices are written and translated in, and the Postgres text search
 * configuration that stems each. Postgres ships Snowball stemmers for English, French,
 * Romanian, Greek and Serbian (and Turkish, kept for texts that come in it); Serbian's also
 * serves Bosnian, Croatian and Montenegrin, which share its grammar and endings (its
 * stemmer reads Latin, and Cyrillic through its own transliteration). The others (Albanian,
 * Macedonian, Bulgarian, Romani) have none: `simple` only lowercases, and their inflected
 * forms are met by the folded channel's prefix and trigram tolerance instead.
 */

export const PRACTICE_LANGUAGES = ['sq', 'bs', 'bg', 'hr', 'sr-Latn', 'sr-Cyrl', 'mk', 'ro', 'el', 'cnr', 'rom', 'fr', 'en'] as const;
export type PracticeLanguage = (typeof PRACTICE_LANGUAGES)[number];

export const STEMMING_CONFIGS = ['english', 'french', 'romanian', 'turkish', 'greek', 'serbian', 'simple'] as const;
export type StemmingConfig = (typeof STEMMING_CONFIGS)[number];

const STEMMING: Readonly<Record<string, StemmingConfig>> = {
  en: 'english',
  fr: 'french',
  ro: 'romanian',
  tr: 'turkish',
  el: 'greek',
  sr: 'serbian',
  'sr-Latn': 'serbian',
  'sr-Cyrl': 'serbian',
  bs: 'serbian',
  hr: 'serbian',
  cnr: 'serbian',
};

/** The configuration that stems `language` (a BCP 47 tag of the list above), or `simple`. */
export function stemmingConfig(language: string): StemmingConfig {
  return STEMMING[language] ?? 'simple';
}

export function isPracticeLanguage(value: string): value is PracticeLanguage {
  return (PRACTICE_LANGUAGES as readonly string[]).includes(value);
}
