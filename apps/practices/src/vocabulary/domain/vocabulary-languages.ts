/**
 * The languages a vocabulary label is written in: the platform's thirteen (BCP 47, script
 * where it matters). Declared here rather than imported so the vocabulary stays
 * self-contained: campaigns will share it without depending on the practices service.
 */
export const VOCABULARY_LANGUAGES = ['sq', 'bs', 'bg', 'hr', 'sr-Latn', 'sr-Cyrl', 'mk', 'ro', 'el', 'cnr', 'rom', 'fr', 'en'] as const;
export type VocabularyLanguage = (typeof VOCABULARY_LANGUAGES)[number];

/** A label in each of the thirteen languages. */
export type Labels = Readonly<Record<VocabularyLanguage, string>>;

export function isVocabularyLanguage(value: string): value is VocabularyLanguage {
  return (VOCABULARY_LANGUAGES as readonly string[]).includes(value);
}

const SERBIAN_LATIN_TO_CYRILLIC: ReadonlyArray<readonly [string, string]> = [
  ['dž', 'џ'], ['Dž', 'Џ'], ['lj', 'љ'], ['Lj', 'Љ'], ['nj', 'њ'], ['Nj', 'Њ'],
  ['a', 'а'], ['b', 'б'], ['c', 'ц'], ['č', 'ч'], ['ć', 'ћ'], ['d', 'д'], ['đ', 'ђ'], ['e', 'е'], ['f', 'ф'],
  ['g', 'г'], ['h', 'х'], ['i', 'и'], ['j', 'ј'], ['k', 'к'], ['l', 'л'], ['m', 'м'], ['n', 'н'], ['o', 'о'],
  ['p', 'п'], ['r', 'р'], ['s', 'с'], ['š', 'ш'], ['t', 'т'], ['u', 'у'], ['v', 'в'], ['z', 'з'], ['ž', 'ж'],
  ['A', 'А'], ['B', 'Б'], ['C', 'Ц'], ['Č', 'Ч'], ['Ć', 'Ћ'], ['D', 'Д'], ['Đ', 'Ђ'], ['E', 'Е'], ['F', 'Ф'],
  ['G', 'Г'], ['H', 'Х'], ['I', 'И'], ['J', 'Ј'], ['K', 'К'], ['L', 'Л'], ['M', 'М'], ['N', 'Н'], ['O', 'О'],
  ['P', 'П'], ['R', 'Р'], ['S', 'С'], ['Š', 'Ш'], ['T', 'Т'], ['U', 'У'], ['V', 'В'], ['Z', 'З'], ['Ž', 'Ж'],
];

/**
 * Serbian Latin to Cyrillic (Vuk's one letter per sound; lj, nj, dž as one letter). The
 * Serbian labels are written once in Latin and the Cyrillic ones derived, so the two
 * scripts of one language never drift apart. Exact for the vocabulary's words (none has a
 * d+ž or n+j across a morpheme boundary, the one case the mapping gets wrong).
 */
export function serbianCyrillic(latin: string): string {
  let out = '';
  for (let i = 0; i < latin.length; ) {
    const pair = SERBIAN_LATIN_TO_CYRILLIC.find(([from]) => latin.startsWith(from, i));
    if (pair) {
      out += pair[1];
      i += pair[0].length;
    } else {
      out += latin[i];
      i += 1;
    }
  }
  return out;
}
