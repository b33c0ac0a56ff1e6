/**
 * Whether a free text names a child: the guard that keeps a child's names out of every
 * text CPX shows in clear (an alert's title, summary, updates, sightings, reasons...).
 *
 * Text and names are brought to the same comparable form, word by word:
 * - invisible characters removed (U+200B, soft hyphen, word joiner, any format character)
 *   and compatibility forms made plain (NFKC: full-width or mathematical letters);
 * - case and diacritics folded, Cyrillic and Greek romanised under every convention of
 *   ROMANISATIONS, then reduced to the spelling key where romanisations agree
 *   (dj/đ/ђ, ć/č/ch, š/sh, ž/zh, j/y ...), so a name meets its spelling in any script;
 * - a word holding Cyrillic or Greek look-alikes of Latin letters is also read as it
 *   looks ("Jovanoviс" with a Cyrillic с is "Jovanovic"), and a Cyrillic or Greek word
 *   typed with some Latin look-alikes as the script it mostly is ("Mapкo" is "Марко").
 *
 * A word of the text names the child when it is one of the name's keys, or, for a name
 * of four letters or more, its stem followed by an ending of the region's inflection
 * (`paradigms`: Marko - Marka, Markom, Markov; Jovanović - Jovanovića, Jovanovićem;
 * Γιώργος - Γιώργου; Drita - Dritës; Petar - Petra). Shorter names (Ana, Ivo) must be
 * the whole word: "analysis", "banana" and "Anatolia" do not name Ana. A name split
 * inside a word by punctuation ("M.a.r.k.o", "Mar-ko"), spelled letter by letter
 * ("M a r k o") or split in two by a space ("Mar ko", names of five letters or more) is
 * put together again; two names run together in one word ("#MarkoJovanović") are found.
 * Name words under three letters are not guarded: they are too often ordinary words.
 *
 * What it does not see, by design: a name that is also a common word is refused wherever
 * the word appears ("Dana" and "dana", days); initials; nicknames and diminutives not
 * given as aliases; spellings by ear beyond ROMANISATIONS (French "-itch"). See
 * docs/adr/0011-one-name-guard.md.
 */
import { foldText, searchKey, spellingKey } from './folding';
import { asLatinLookAlike, asScriptLookAlike, hasLatinLookAlike } from './homoglyphs';
import { withoutInvisibleCharacters } from './invisible-characters';
import { romanisations } from './romanisation';

/** Name words shorter than this (in their key) are not guarded. */
const MIN_NAME_LETTERS = 3;
/** Names this long or longer are also found inflected; shorter ones only as a whole word. */
const MIN_INFLECTED_LETTERS = 4;
/** Names this long or longer are also found split in two by a space or punctuation. */
const MIN_SPLIT_LETTERS = 5;
const MIN_STEM_LETTERS = 3;

/** Endings after a stem, in key form (after spellingKey): cases, possessives, articles. */
const SLAVIC_POSSESSIVE = ['ov', 'ova', 'ove', 'ovi', 'ovo', 'ovu', 'ovog', 'ovom', 'ovoj', 'ovim', 'ovih'];
const SLAVIC_POSSESSIVE_E = SLAVIC_POSSESSIVE.map((ending) => `e${ending.slice(1)}`);
const ENDINGS = {
  // Jovanović, Petrov, Ivan, Ardit: Slavic cases, Bulgarian/Macedonian feminine, Albanian
  // definite forms, Romanian genitive.
  consonant: ['', 'a', 'e', 'i', 'u', 'om', 'em', 'ima', 'ovi', 'ove', 'it', 'in', 'ul', 'ului', ...SLAVIC_POSSESSIVE, ...SLAVIC_POSSESSIVE_E],
  // Petar: Petra, Petru, Petrom (the a that drops out).
  fleeting: ['a', 'e', 'i', 'u', 'om', ...SLAVIC_POSSESSIVE],
  // Marko, Darko: Marka, Marku, Markom, Markov.
  o: ['o', 'a', 'e', 'u', 'om', ...SLAVIC_POSSESSIVE],
  // Đorđe: Đorđa, Đorđu, Đorđem, Đorđev.
  e: ['e', 'a', 'u', 'i', 'om', 'em', ...SLAVIC_POSSESSIVE_E],
  // Ljubica, Marija, Drita, Maria: Slavic cases and possessives, Albanian (Dritës,
  // Dritën), Romanian (Mariei), Greek (Μαρίας, for stems of four letters or more).
  a: ['a', 'e', 'i', 'u', 'o', 'om', 'oj', 'ei', 'en', 'in', 'ina', 'ine', 'ini', 'ino', 'inu', 'inog', 'inom', 'inoj', 'inim'],
  aLongStem: ['es', 'as'],
  // Ελένη, Arti, Dimitri: Greek genitive, Albanian definite, Slavic cases.
  i: ['', 's', 't', 'n', 'ja', 'ju', 'je', 'jem', 'jom'],
  // Trajkovski, Kovački: adjectival surnames (Trajkovska, Trajkovskog, Trajkovskom).
  ski: ['i', 'a', 'e', 'o', 'u', 'og', 'om', 'oj', 'im', 'ih', 'oga', 'omu', 'ega', 'emu'],
  // Țurcanu, Ionescu: Romanian definite and genitive.
  u: ['', 'l', 'lui'],
  // Γιώργος, Παπαδόπουλος (-ος), Γιάννης (-ης), Ανδρέας (-ας): Greek cases.
  os: ['os', 'ou', 'o', 'e', 'on', 'oi'],
  is: ['is', 'i'],
  as: ['as', 'a'],
} as const;

/**
 * Common words that are an inflected form of a common name ("nine" of Nina, "dani" of
 * Dana): not refused as an inflection. The name itself, as a whole word, still is.
 */
const COMMON_WORDS = new Set(['nine', 'mine', 'mini', 'line', 'lane', 'mare', 'more', 'dane', 'dani', 'sale', 'vine', 'fine', 'pine', 'mile', 'rose', 'nove', 'novi', 'nova']);

/** A stem of a name and the endings it takes (see paradigms). */
export interface Stem {
  stem: string;
  endings: ReadonlySet<string>;
}

interface NamePattern {
  /** The name as given: what a match reports. */
  name: string;
  key: string;
  stems: readonly Stem[];
}

export type NameSearch = { found: false } | { found: true; name: string };

const NOT_FOUND: NameSearch = { found: false };

/** The ways one name word (in key form) is inflected: its stems and their endings. */
export function paradigms(key: string): Stem[] {
  if (key.length < MIN_INFLECTED_LETTERS) return [];
  const stems: Stem[] = [];
  const add = (stem: string, endings: readonly string[]) => {
    if (stem.length >= MIN_STEM_LETTERS) stems.push({ stem, endings: new Set(endings) });
  };
  const last = key.at(-1)!;
  const greekNominative = /(os|is|as)$/.exec(key)?.[1] as 'os' | 'is' | 'as' | undefined;
  if (greekNominative && key.length >= 5) add(key.slice(0, -2), ENDINGS[greekNominative]);
  if (key.endsWith('ou')) return stems; // Greek feminine surnames (Papadopoulou) do not inflect
  switch (last) {
    case 'a': {
      const stem = key.slice(0, -1);
      add(stem, [...ENDINGS.a, ...(stem.length >= 4 ? ENDINGS.aLongStem : []), ...(stem.length >= 5 ? [''] : [])]);
      break;
    }
    case 'o':
      add(key.slice(0, -1), ENDINGS.o);
      break;
    case 'e':
      add(key.slice(0, -1), ENDINGS.e);
      break;
    case 'i':
      add(key, ENDINGS.i);
      if (/[sc]ki$/.test(key)) add(key.slice(0, -1), ENDINGS.ski);
      break;
    case 'u':
      add(key, ENDINGS.u);
      break;
    default:
      add(key, ENDINGS.consonant);
      if (/[^aeiou]a[^aeiou]$/.test(key)) add(key.slice(0, -2) + last, ENDINGS.fleeting);
  }
  return stems;
}

const PLAIN_LATIN = /^[a-z]+$/;

/** A word's comparable forms: one per romanisation, and as it looks when it holds look-alikes. */
function keysOfWord(word: string, readLookAlikes: boolean): string[] {
  // Most words of most texts: nothing to fold, romanise or read otherwise.
  const lower = word.toLowerCase();
  if (PLAIN_LATIN.test(lower)) return [spellingKey(lower)];
  const keys = new Set(romanisations(foldText(word)).map(spellingKey));
  if (readLookAlikes && hasLatinLookAlike(word) && /[^\p{Script=Latin}]/u.test(word)) {
    for (const latin of romanisations(foldText(asLatinLookAlike(word)))) keys.add(spellingKey(latin));
  }
  const otherScript = readLookAlikes ? asScriptLookAlike(word) : undefined;
  if (otherScript) for (const latin of romanisations(foldText(otherScript))) keys.add(spellingKey(latin));
  return [...keys].filter((key) => key.length > 0);
}

const WORD = /[\p{L}\p{M}]+/gu;
const CHUNK = /[^\s\p{Z}]+/gu;

/** Text prepared for reading: invisible characters gone, compatibility forms made plain. */
function prepared(text: string): string {
  return withoutInvisibleCharacters(text).normalize('NFKC');
}

/**
 * The candidate words of a text in key form, each with whether it may match a name split
 * in two. `mayBeginSplitName` tells whether a word's key may be the first part of a name
 * split in two: two neighbouring words are read together only then.
 */
function* candidates(text: string, mayBeginSplitName: (key: string) => boolean): Generator<{ keys: string[]; joined: boolean }> {
  // A text repeats its words: each is read once.
  const known = new Map<string, string[]>();
  const wordKeys = (word: string, readLookAlikes: boolean): string[] => {
    const id = `${readLookAlikes ? 1 : 0}${word}`;
    let keys = known.get(id);
    if (!keys) {
      keys = keysOfWord(word, readLookAlikes);
      known.set(id, keys);
    }
    return keys;
  };
  const words: string[] = [];
  for (const chunk of prepared(text).match(CHUNK) ?? []) {
    const inChunk = chunk.match(WORD) ?? [];
    for (const word of inChunk) {
      words.push(word);
      yield { keys: wordKeys(word, true), joined: false };
    }
    // Split inside by punctuation (M.a.r.k.o, Mar-ko) or digits typed for letters (Mark0).
    const compact = chunk.replace(/[^\p{L}\p{M}\p{N}]+/gu, '');
    if (inChunk.length > 1 || /\p{N}/u.test(compact)) {
      yield { keys: wordKeys(compact.replace(/\p{N}/gu, ''), true).concat(/\p{N}/u.test(compact) ? wordKeys(asLatinLookAlike(compact), false) : []), joined: false };
    }
  }
  // Spelled letter by letter (M a r k o), and two neighbouring words (Mar ko).
  let letters = '';
  for (let index = 0; index <= words.length; index += 1) {
    const word = words[index];
    if (word !== undefined && [...word].length === 1) {
      letters += word;
      continue;
    }
    if ([...letters].length >= MIN_NAME_LETTERS) yield { keys: wordKeys(letters, true), joined: false };
    letters = '';
  }
  for (let index = 0; index + 1 < words.length; index += 1) {
    const [first, second] = [words[index]!, words[index + 1]!];
    if ([...first].length < 2 || [...second].length < 2 || !wordKeys(first, true).some(mayBeginSplitName)) continue;
    yield { keys: wordKeys(first + second, true), joined: true };
  }
}

function matches(key: string, pattern: NamePattern, joined: boolean): boolean {
  if (joined && pattern.key.length < MIN_SPLIT_LETTERS) return false;
  if (key === pattern.key) return true;
  if (COMMON_WORDS.has(key)) return false;
  return pattern.stems.some(({ stem, endings }) => key.startsWith(stem) && endings.has(key.slice(stem.length)));
}

/**
 * The names of one child, compiled once and compared with any number of texts. Names are
 * given as typed (given names, family names, aliases, in any script); each word of each
 * name is guarded on its own.
 */
export class NameGuard {
  private readonly patterns: readonly NamePattern[];

  constructor(names: readonly string[]) {
    const patterns = new Map<string, NamePattern>();
    for (const name of names) {
      for (const word of prepared(name).match(WORD) ?? []) {
        for (const key of keysOfWord(word, false)) {
          if (key.length < MIN_NAME_LETTERS || patterns.has(key)) continue;
          patterns.set(key, { name, key, stems: paradigms(key) });
        }
      }
    }
    this.patterns = [...patterns.values()];
  }

  /**
   * Two guarded names run together in one word ("MarkoJovanović", "#markojovanovic"): the
   * first as it is, the second as it may be inflected. Reports the first.
   */
  private runTogether(key: string): NamePattern | undefined {
    return this.patterns.find((first) => {
      const rest = key.startsWith(first.key) ? key.slice(first.key.length) : '';
      return rest.length >= MIN_NAME_LETTERS && this.patterns.some((second) => matches(rest, second, false));
    });
  }

  /** Whether `key` may be the first part of a guarded name split in two ("mar" of "Mar ko"). */
  private beginsSplitName(key: string): boolean {
    return this.patterns.some(
      (pattern) => pattern.key.length >= MIN_SPLIT_LETTERS && key.length < pattern.key.length && (pattern.key.startsWith(key) || pattern.stems.some(({ stem }) => stem.startsWith(key))),
    );
  }

  /** Whether no name word is long enough to be guarded. */
  get isEmpty(): boolean {
    return this.patterns.length === 0;
  }

  /** The first name `text` holds, or `{ found: false }`. Never log what it returns. */
  findIn(text: string): NameSearch {
    if (this.patterns.length === 0 || text.length === 0) return NOT_FOUND;
    for (const { keys, joined } of candidates(text, (key) => this.beginsSplitName(key))) {
      for (const key of keys) {
        const pattern = this.patterns.find((candidate) => matches(key, candidate, joined)) ?? this.runTogether(key);
        if (pattern) return { found: true, name: pattern.name };
      }
    }
    return NOT_FOUND;
  }
}

/** Whether `text` names one of `names` (see NameGuard); for many texts, build one NameGuard. */
export function findChildNameIn(text: string, names: readonly string[]): NameSearch {
  return new NameGuard(names).findIn(text);
}

/**
 * `text` in the one form every spelling of it shares: invisible characters removed, NFKC,
 * case and diacritics folded, transliterated to Latin, romanisations' differences
 * reduced (see spellingKey). "Ђорђе", "Đorđe" and "Djordje" all give "dorde".
 */
export function foldForSearch(text: string): string {
  return searchKey(text);
}

/** Every comparable form of one name (one per romanisation), for matching names with names. */
export function nameKeys(name: string): string[] {
  return [...new Set((prepared(name).match(WORD) ?? []).flatMap((word) => keysOfWord(word, false)))];
}
