/**
 * Text as the people of the region write it: Latin, Cyrillic and Greek scripts, with
 * diacritics, are all ordinary input. Stored text is kept verbatim in Unicode NFC;
 * search compares folded forms (case and diacritics removed), and each stored text also
 * carries a Latin transliteration so that "Jovanovic" finds "Јовановић" and
 * "papadopoulos" finds "Παπαδόπουλος".
 */

/** Canonical form for storage and display: NFC, trimmed. */
export function normalizeText(value: string): string {
  return value.normalize('NFC').trim();
}

/**
 * Lowercase, Latin and Greek diacritics removed, whitespace collapsed; script unchanged.
 * Cyrillic letters such as ѓ, ќ and й keep their marks: there they are distinct letters.
 */
export function foldText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/([\p{Script=Latin}\p{Script=Greek}])\p{M}+/gu, '$1')
    .normalize('NFC')
    .toLowerCase()
    .replace(/ς/g, 'σ')
    .replace(/[đ]/g, 'd')
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/\s+/g, ' ')
    .trim();
}

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ђ: 'dj', ѓ: 'gj', е: 'e', ё: 'e', ж: 'z', з: 'z', ѕ: 'dz',
  и: 'i', й: 'j', ј: 'j', к: 'k', ќ: 'kj', л: 'l', љ: 'lj', м: 'm', н: 'n', њ: 'nj', о: 'o', п: 'p',
  р: 'r', с: 's', т: 't', ћ: 'c', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'c', џ: 'dz', ш: 's', щ: 'sht',
  ъ: 'a', ы: 'y', ь: '', э: 'e', ю: 'ju', я: 'ja', і: 'i', ї: 'i', є: 'e',
};

const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm',
  ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

/** Latin transliteration of already folded text (Serbian/Macedonian/Bulgarian Cyrillic, Greek). */
export function transliterate(folded: string): string {
  return folded
    .replace(/ου/g, 'ou')
    .replace(/αυ/g, 'av')
    .replace(/ευ/g, 'ev')
    .replace(/μπ/g, 'b')
    .replace(/ντ/g, 'nt')
    .replace(/./gu, (letter) => CYRILLIC[letter] ?? GREEK[letter] ?? letter);
}

/** What to store in a search column for the given texts. */
export function searchText(...values: (string | undefined | null)[]): string {
  const folded = foldText(values.filter((value): value is string => !!value).join(' '));
  const latin = transliterate(folded);
  return latin === folded ? folded : `${folded} ${latin}`;
}

/** What to look for in a search column: the folded query (both scripts are stored). */
export function searchPattern(query: string): string {
  return foldText(query);
}

/** Escapes LIKE wildcards so user text is matched literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
