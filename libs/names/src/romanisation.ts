/**
 * Cyrillic and Greek written in Latin letters, as the region's languages romanise them.
 *
 * `transliterate` is the one romanisation search stores and looks for (directory search
 * columns are built with it: change it and they must be rebuilt by a migration). It
 * follows the official romanisations of Serbian, Montenegrin and Macedonian without
 * diacritics, Bulgarian (2009) where only Bulgarian has the letter, and Greek after
 * ELOT 743.
 *
 * `romanisations` gives every spelling a name in one script is commonly written with in
 * Latin, one per convention (`ROMANISATIONS`): Russian-style Cyrillic (Moldova, the
 * passports of many migrants: х kh, щ shch, ь silent) and the way Greek names are
 * written by ear (χ h, υ and η i, ου u, γι y, μπ b/mb, ντ d/nd). Matching compares a text
 * with a name under each of them, so "Игорь" meets "Igor" and "Γιώργος" meets "Yorgos".
 * A later convention (French or German police spelling by ear, issue 17) is one more
 * entry in `ROMANISATIONS`.
 */

// Serbian, Montenegrin and Macedonian letters as their official romanisations write them
// without diacritics; Bulgarian ones as its official romanisation (2009) does.
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ђ: 'dj', ѓ: 'gj', е: 'e', ё: 'e', ж: 'zh', з: 'z', ѕ: 'dz',
  и: 'i', й: 'y', ј: 'j', к: 'k', ќ: 'kj', л: 'l', љ: 'lj', м: 'm', н: 'n', њ: 'nj', о: 'o', п: 'p',
  р: 'r', с: 's', т: 't', ћ: 'c', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'ch', џ: 'dzh', ш: 'sh', щ: 'sht',
  ъ: 'a', ы: 'y', ь: 'y', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'i', є: 'e',
};

const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm',
  ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

/** One convention: digraph rules applied first, then letters; letters it does not name as `transliterate` writes them. */
export interface Romanisation {
  /** The script it writes in Latin; a text without letters of that script is left to `transliterate`. */
  readonly script?: 'Cyrillic' | 'Greek';
  /** Applied in order to folded (lowercase, accent-free) text. */
  readonly digraphs: readonly (readonly [RegExp, string])[];
  readonly letters: Readonly<Record<string, string>>;
}

const DEFAULT: Romanisation = {
  digraphs: [
    [/ου/g, 'ou'],
    [/αυ/g, 'av'],
    [/ευ/g, 'ev'],
    [/γγ/g, 'ng'],
    [/μπ/g, 'b'],
    [/ντ/g, 'nt'],
  ],
  letters: {},
};

/** The conventions `romanisations` writes a text in, by the language they are for. */
export const ROMANISATIONS: Readonly<Record<string, Romanisation>> = {
  // Serbian, Montenegrin, Macedonian, Bulgarian and Greek after ELOT 743: `transliterate`.
  default: DEFAULT,
  // Russian-style Cyrillic (also Moldovan and Ukrainian names in many documents).
  ru: {
    script: 'Cyrillic',
    digraphs: [],
    letters: { х: 'kh', щ: 'shch', ъ: '', ь: '', й: 'y', ё: 'yo', ж: 'zh', ц: 'ts', ы: 'y', и: 'i', е: 'e' },
  },
  // Greek written by ear, as most people and many passports write it.
  'el-phonetic': {
    script: 'Greek',
    digraphs: [
      [/ου/g, 'u'],
      [/αι/g, 'e'],
      [/(ει|οι|υι)/g, 'i'],
      [/αυ/g, 'av'],
      [/ευ/g, 'ev'],
      [/^γι(?=[αεοω])/g, 'y'],
      [/^μπ/g, 'b'],
      [/μπ/g, 'mb'],
      [/^ντ/g, 'd'],
      [/ντ/g, 'nd'],
      [/^γκ/g, 'g'],
      [/(γκ|γγ)/g, 'ng'],
    ],
    letters: { η: 'i', υ: 'i', χ: 'h', β: 'v', ω: 'o' },
  },
  // Greek after ELOT 743 with μπ, ντ, γκ inside a word as mb, nt, gk ("Lambros").
  'el-elot': {
    script: 'Greek',
    digraphs: [
      [/ου/g, 'ou'],
      [/αυ/g, 'av'],
      [/ευ/g, 'ev'],
      [/γγ/g, 'ng'],
      [/^μπ/g, 'b'],
      [/μπ/g, 'mb'],
      [/^ντ/g, 'd'],
      [/ντ/g, 'nt'],
      [/^γκ/g, 'g'],
      [/γκ/g, 'gk'],
    ],
    letters: {},
  },
};

const NON_LATIN_LETTER = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

/** `folded` (see foldText) in Latin letters by one convention; Latin text is left as it is. */
export function romanise(folded: string, romanisation: Romanisation): string {
  const digraphed = romanisation.digraphs.reduce((text, [pattern, latin]) => text.replace(pattern, latin), folded);
  const latin = digraphed.replace(/./gu, (letter) => romanisation.letters[letter] ?? CYRILLIC[letter] ?? GREEK[letter] ?? letter);
  // Montenegrin с́ and з́ have no precomposed form: their accent now sits on a Latin
  // letter and folds away, as on ś and ź.
  return /[^a-z]/.test(latin) ? latin.normalize('NFD').replace(/(\p{Script=Latin})\p{M}+/gu, '$1').normalize('NFC') : latin;
}

/**
 * Latin transliteration of already folded text (Serbian, Montenegrin, Macedonian and
 * Bulgarian Cyrillic; Greek). Latin text is left as it is.
 */
export function transliterate(folded: string): string {
  return romanise(folded, DEFAULT);
}

const SCRIPT_LETTER = { Cyrillic: /\p{Script=Cyrillic}/u, Greek: /\p{Script=Greek}/u } as const;

/** Every distinct Latin spelling of `folded` under the conventions of ROMANISATIONS; Latin text has one. */
export function romanisations(folded: string): string[] {
  if (!NON_LATIN_LETTER.test(folded)) return [transliterate(folded)];
  const spellings = new Set<string>();
  for (const romanisation of Object.values(ROMANISATIONS)) {
    if (romanisation.script === undefined || SCRIPT_LETTER[romanisation.script].test(folded)) spellings.add(romanise(folded, romanisation));
  }
  return [...spellings];
}
