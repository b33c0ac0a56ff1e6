/**
 * Text as the people of the region write it: Latin, Cyrillic and Greek scripts, with
 * diacritics, are all ordinary input. Stored text is kept verbatim in Unicode NFC;
 * search compares folded forms (case and diacritics removed).
 *
 * One name has many spellings: "Ђорђевић", "Đorđević", "Djordjevic", "Dordevic";
 * "Жечев", "Zhechev", "Žečev"; "Παπαδόπουλος", "Papadopoulos". For them to meet whatever
 * script the name was stored in and whatever script the query is typed in, both sides
 * are brought to the same Latin forms:
 * - the Latin transliteration (`transliterate`), with the digraphs of the official
 *   romanisations (ж zh, ш sh, ч ch, ђ dj, ѓ gj, ќ kj; Greek after ELOT 743);
 * - the spelling key (`spellingKey`), where the romanisations that differ agree again:
 *   dj, zh, sh, ch, ts, gj, kj become d, z, s, c, c, g, k, as the same letters written
 *   with diacritics fold to ("đ" d, "ž" z, "č" and "ć" c).
 * A stored search text carries the folded original, its transliteration and its key; a
 * query looks for any of its own three (`searchPatterns`). The key alone would do for
 * whole words, but a query that starts or ends inside a digraph ("hristos" in
 * "christos") only meets the transliteration.
 */

import { withoutInvisibleCharacters } from './invisible-characters';
import { transliterate } from './romanisation';

export { transliterate };

/** Canonical form for storage and display: NFC, trimmed. */
export function normalizeText(value: string): string {
  return value.normalize('NFC').trim();
}

/**
 * Lowercase, Latin and Greek diacritics removed, whitespace collapsed; script unchanged.
 * Cyrillic letters such as ѓ, ќ and й keep their marks: there they are distinct letters.
 * Invisible characters (format characters such as U+200B, the soft hyphen, fillers) are
 * removed first, so "Mar\u200Bko" folds as "marko"; compatibility forms (full-width,
 * mathematical letters, ligatures) become their plain letters.
 */
export function foldText(value: string): string {
  return withoutInvisibleCharacters(value)
    .normalize('NFKD')
    .replace(/([\p{Script=Latin}\p{Script=Greek}])\p{M}+/gu, '$1')
    .normalize('NFC')
    .toLowerCase()
    .replace(/ς/g, 'σ')
    .replace(/[đ]/g, 'd')
    .replace(/ı/g, 'i')
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/ʒ/g, 'dz') // Romani orthographies write dž as ʒ
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Where romanisations of one name differ, the choice they agree on. Applied alike to
 * what is stored and to what is looked for, so each rule only has to map the spellings
 * of one letter together; it may also join unrelated Latin spellings ("Sasha" and
 * "Sasa"), which a search for people can afford.
 */
const SPELLING_VARIANTS: [RegExp, string][] = [
  [/xh/g, 'dz'], // Albanian xh is Serbian dž: Xhemajl, Džemajl
  [/x/g, 'ks'], // Greek ξ: Alexandros, Aleksandar
  [/dj/g, 'd'], // đ, ђ: Djordje, Đorđe
  [/gj/g, 'g'], // ѓ, ǵ: Gjorgji, Ǵorǵi
  [/kj/g, 'k'], // ќ, ḱ
  [/([zsc])h/g, '$1'], // ж ш ч: Zhechev, Žečev; ћ written ch: Jovanovich
  [/th/g, 't'], // θ: Theodoros, Teodor
  [/ph/g, 'f'], // φ: Philippos, Filippos
  [/ts/g, 'c'], // ц in Bulgarian romanisation: Tsvetkov, Cvetkov
  [/y/g, 'j'], // й ю я in Bulgarian romanisation: Yordan, Jordan; Mariya, Marija
];

/** The spelling key of a transliteration (see SPELLING_VARIANTS). */
export function spellingKey(latin: string): string {
  return SPELLING_VARIANTS.reduce((text, [variant, agreed]) => text.replace(variant, agreed), latin);
}

/** The forms of one text that search compares: folded original, transliteration, key. */
function searchForms(value: string): string[] {
  const folded = foldText(value);
  const latin = transliterate(folded);
  return [...new Set([folded, latin, spellingKey(latin)])];
}

/** What to store in a search column for the given texts. */
export function searchText(...values: (string | undefined | null)[]): string {
  return searchForms(values.filter((value): value is string => !!value).join(' ')).join(' ');
}

/**
 * What to look for in a search column: a row matches when it contains any of these.
 * Escape them (escapeLike) before they go into a LIKE pattern.
 */
export function searchPatterns(query: string): string[] {
  return searchForms(query);
}

/**
 * One value as a whole, in the form where every spelling of it is equal: for exact
 * matches such as an area of expertise ("Трговина људима" is "trgovina ljudima").
 */
export function searchKey(value: string): string {
  return spellingKey(transliterate(foldText(value)));
}

/** Escapes LIKE wildcards so user text is matched literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
