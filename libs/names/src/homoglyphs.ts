/**
 * Cyrillic and Greek letters that look like Latin ones. Typed into a Latin word (a
 * Cyrillic "с" for "c", a Greek "Ρ" for "P"), they keep the word looking the same while
 * its transliteration changes ("Jovanoviс" with a Cyrillic с transliterates to
 * "jovanovis"). The name guard also reads every word that holds such a letter as it looks
 * (`asLatinLookAlike`). Case matters: Cyrillic "В" looks like "B", "в" does not.
 */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', Ү: 'Y',
  І: 'I', Ј: 'J', Ѕ: 'S', Ԛ: 'Q', Ԝ: 'W', Ӏ: 'I',
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w',
  һ: 'h', ӏ: 'l', ү: 'y',
  // Greek
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y',
  Χ: 'X', Ϲ: 'C',
  ο: 'o', ν: 'v', ρ: 'p', ι: 'i', κ: 'k', α: 'a', υ: 'u', ϲ: 'c', ϳ: 'j',
  // Digits typed for letters inside a word
  '0': 'o', '1': 'l', '3': 'e',
};

// Latin letters that look like Cyrillic or Greek ones, for a Cyrillic or Greek word typed
// with some Latin letters ("Mapкo" read as "Марко").
const CYRILLIC_LOOK_ALIKES: Readonly<Record<string, string>> = {
  A: 'А', B: 'В', E: 'Е', K: 'К', M: 'М', H: 'Н', O: 'О', P: 'Р', C: 'С', T: 'Т', X: 'Х', Y: 'У', J: 'Ј', S: 'Ѕ', I: 'І',
  a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', y: 'у', x: 'х', j: 'ј', k: 'к', s: 'ѕ', i: 'і',
};
const GREEK_LOOK_ALIKES: Readonly<Record<string, string>> = {
  A: 'Α', B: 'Β', E: 'Ε', Z: 'Ζ', H: 'Η', I: 'Ι', K: 'Κ', M: 'Μ', N: 'Ν', O: 'Ο', P: 'Ρ', T: 'Τ', Y: 'Υ', X: 'Χ',
  o: 'ο', v: 'ν', p: 'ρ', i: 'ι', k: 'κ', a: 'α', u: 'υ', t: 'τ', x: 'χ', y: 'γ',
};

/** A word mixing Latin with Cyrillic or Greek letters, read as the other script: its Latin look-alikes replaced. */
export function asScriptLookAlike(word: string): string | undefined {
  if (!/\p{Script=Latin}/u.test(word)) return undefined;
  const map = /\p{Script=Cyrillic}/u.test(word) ? CYRILLIC_LOOK_ALIKES : /\p{Script=Greek}/u.test(word) ? GREEK_LOOK_ALIKES : undefined;
  return map && [...word].map((character) => map[character] ?? character).join('');
}

const HAS_LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'u');

/** Whether `word` holds a letter that LOOK_ALIKES reads as Latin. */
export function hasLatinLookAlike(word: string): boolean {
  return HAS_LOOK_ALIKE.test(word);
}

/** `word` (case as typed) with every look-alike letter replaced by the Latin letter it looks like. */
export function asLatinLookAlike(word: string): string {
  return [...word].map((character) => LOOK_ALIKES[character] ?? character).join('');
}
