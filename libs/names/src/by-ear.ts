/**
 * The spelling of a word as people write it by ear in Latin letters: Greek typed in
 * Latin letters (Greeklish: "paidia", "pedia", "paidiwn", "8ema"), loanwords spelt as
 * heard ("trafiking" for "trafficking", "трафикинг"), doubled letters dropped. Search
 * stores this key beside the spelling key (folding.ts) and looks for it too, so a word
 * meets its by-ear spellings whatever script it was written in.
 *
 * The key is lossy by design: it joins spellings a reader would pronounce alike (ai and
 * e, ei, oi, y and i, ou and u, w and o, ch, kh, x and h, c, ck and k), and may join
 * unrelated words too; it is one of several keys a word is matched by, never the only one.
 * It reads a transliteration (`transliterate`, or Greek by ear: `romanise` with
 * `ROMANISATIONS['el-phonetic']`), lowercase and free of diacritics.
 */

const BY_EAR: readonly (readonly [RegExp, string])[] = [
  // Greeklish writes θ as 8 and ξ as 3 inside words (digits standing alone are numbers).
  [/(?<=[a-z])8|8(?=[a-z])/g, 'th'],
  [/(?<=[a-z])3|3(?=[a-z])/g, 'ks'],
  // Greeklish η at a word's end ("paidikh"), before kh or th could be read as one letter;
  // not after s, z or c, where h belongs to ш, ж or ч.
  [/(?<=[^aeiouscz])h$/g, 'i'],
  [/([a-z])\1+/g, '$1'], // doubled letters are heard once, here so that "ff" is not read as ευ below
  [/ou/g, 'u'], // ου
  [/([ae])[uyf](?=[^aeiou]|$)/g, '$1v'], // αυ, ευ before a consonant: au, ay, af, ev ... ("eytyxia", "asynodefta")
  [/w/g, 'o'], // Greeklish ω
  [/ai/g, 'e'], // αι
  [/(ei|oi|yi)/g, 'i'], // ει οι υι
  [/y/g, 'i'], // υ, η as heard
  [/(ks|x|ch|kh)/g, 'h'], // ξ, χ written x, ch, kh or h
  [/th/g, 't'], // θ
  [/ph/g, 'f'], // φ
  [/mp/g, 'b'], // μπ
  [/nt/g, 'd'], // ντ
  [/(gk|gg|ng)/g, 'g'], // γκ, γγ
  [/ck/g, 'k'],
  [/[cq]/g, 'k'],
  [/([a-z])\1+/g, '$1'], // and once more, for those the rules above made: "trafficking", "trafiking"
];

/** The by-ear key of one Latin word (see above); text other than a-z and digits is kept. */
export function byEarKey(latinWord: string): string {
  return BY_EAR.reduce((text, [pattern, heard]) => text.replace(pattern, heard), latinWord.toLowerCase());
}
