/**
 * A theme a curator adds to the vocabulary. Its code becomes as stable as a built-in
 * one (facets, feeds and partners' filters key on it), so the rules are strict: an upper
 * snake-case code of ASCII letters and digits that no theme has, built-in or curated; an
 * English label at least (the language every curator and partner reads; the others fall
 * back to it until translated); every label plain text of one line, and none that reads
 * the same as another theme's label in that language (two themes a reader cannot tell
 * apart split the practices between them).
 */
import { DomainError, forbiddenCharacterIn } from '@cpx/platform';
import { THEME_CODES, THEME_LABELS } from './themes';
import { isVocabularyLanguage, type VocabularyLanguage } from './vocabulary-languages';

export const THEME_CODE_PATTERN = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
export const MIN_THEME_CODE_LENGTH = 3;
export const MAX_THEME_CODE_LENGTH = 64;
export const MAX_THEME_LABEL_LENGTH = 80;

export interface CuratedTheme {
  readonly code: string;
  readonly labels: Readonly<Partial<Record<VocabularyLanguage, string>>>;
}

export interface NewCuratedTheme {
  readonly code: string;
  /** Keyed by BCP 47 tag as the caller sent it; an unknown tag is refused. */
  readonly labels: Readonly<Record<string, string>>;
}

/** Folded for "reads the same": NFKD, marks removed, lower case, runs of spaces as one. */
export function labelKey(label: string): string {
  return label.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The theme as it will be stored (labels NFC, trimmed), or BAD_USER_INPUT naming the
 * field (`input.code`, `input.labels.fr`); CONFLICT when the code or a label is taken.
 */
export function curatedTheme(input: NewCuratedTheme, existing: readonly CuratedTheme[], path = 'input'): CuratedTheme {
  const code = input.code;
  if (code.length < MIN_THEME_CODE_LENGTH || code.length > MAX_THEME_CODE_LENGTH || !THEME_CODE_PATTERN.test(code)) {
    throw DomainError.badInput(
      `${path}.code`,
      `A theme code is ${MIN_THEME_CODE_LENGTH} to ${MAX_THEME_CODE_LENGTH} upper-case ASCII letters and digits in words joined by "_" (like CHILD_MARRIAGE).`,
    );
  }
  if ((THEME_CODES as readonly string[]).includes(code) || existing.some((theme) => theme.code === code)) {
    throw DomainError.conflict(`The theme ${code} exists already.`, `${path}.code`);
  }
  const labels: Partial<Record<VocabularyLanguage, string>> = {};
  for (const [language, raw] of Object.entries(input.labels)) {
    const field = `${path}.labels.${language}`;
    if (!isVocabularyLanguage(language)) throw DomainError.badInput(field, `${language} is not one of the platform's languages.`);
    const label = raw.normalize('NFC').trim();
    if (!label) throw DomainError.badInput(field, 'A label may not be blank.');
    if (label.length > MAX_THEME_LABEL_LENGTH) throw DomainError.badInput(field, `A label is at most ${MAX_THEME_LABEL_LENGTH} characters.`);
    if (/[\r\n]/.test(label) || forbiddenCharacterIn(label)) throw DomainError.badInput(field, 'A label is plain text on one line.');
    const taken = [...Object.values(THEME_LABELS).map((all) => all[language]), ...existing.map((theme) => theme.labels[language])];
    if (taken.some((other) => other !== undefined && labelKey(other) === labelKey(label))) {
      throw DomainError.conflict(`Another theme is labelled "${label}" in ${language}.`, field);
    }
    labels[language] = label;
  }
  if (!labels.en) throw DomainError.badInput(`${path}.labels.en`, 'A new theme needs an English label at least.');
  return { code, labels };
}

/** A curated theme's label in `language`, else its English one (which it always has). */
export function curatedThemeLabel(theme: CuratedTheme, language: VocabularyLanguage): string {
  return theme.labels[language] ?? theme.labels.en ?? theme.code;
}
