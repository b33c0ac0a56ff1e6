/**
 * Realistic practices in bulk, for the search benchmark (tools/bench/practice-search.ts):
 * deterministic from a seed, each practice computed from (seed, index) alone, so any slice
 * of a corpus of any size is generated the same way, in any order, without holding the rest.
 *
 * Words come from the evaluation corpora (written as the region's practitioners write), per
 * language and per place (titles, summaries, bodies), drawn by a Zipf law over their
 * frequency there, so each language's function words and the library's topic words
 * ("деца", "trafficking", "copii") are as common as in real write-ups. A long tail of words
 * made from the language's own syllables gives each language a vocabulary of thousands of
 * words, as real text has; every practice names its implementing organisation, from a pool
 * of ORGANISATIONS names, which makes a rare term (about count / ORGANISATIONS practices).
 * Lengths as real write-ups: a title of 5-11 words, a summary of about 100, a body of
 * 800-1500. A third of the practices carry one translation, a tenth two.
 */
import type { PracticeSearchEntry } from '../../src/search/practice-search.port';
import { EVALUATION_CORPUS } from './evaluation-corpus';
import { HELD_OUT_CORPUS } from './held-out-corpus';

export const GENERATED_LANGUAGES = ['sq', 'bs', 'bg', 'hr', 'sr-Latn', 'sr-Cyrl', 'mk', 'ro', 'el', 'cnr', 'rom', 'fr', 'en'] as const;
/** Organisation names: a practice names one, so each name is in about count / ORGANISATIONS practices. */
export const ORGANISATIONS = 5_000;

const THEMES = [
  'child-marriage', 'child-participation', 'data-protection', 'family-tracing-and-reunification', 'forced-begging', 'forced-criminality',
  'identification-and-referral', 'labour-exploitation', 'missing-children', 'online-sexual-exploitation', 'prevention-awareness',
  'return-and-reintegration', 'trafficking-sexual-exploitation', 'unaccompanied-and-separated-children', 'victim-assistance-and-shelter',
];
const COUNTRIES = ['AL', 'BA', 'BG', 'FR', 'GR', 'HR', 'MD', 'ME', 'MK', 'RO', 'RS', 'XK'];
const TARGET_GROUPS = ['age-0-5', 'age-6-11', 'age-12-17', 'boys', 'children-in-institutions', 'girls', 'migrant-children', 'parents', 'professionals', 'roma-children', 'street-connected-children'];
const ALERT_KINDS = ['FORCED_BEGGING', 'FORCED_CRIMINALITY', 'FORCED_MARRIAGE', 'LABOUR_EXPLOITATION', 'MISSING_CHILD', 'SEXUAL_EXPLOITATION', 'SUSPECTED_TRAFFICKING', 'UNACCOMPANIED_MINOR'];
/** As a curated library would hold them: most emergent or promising, few best or concerning. */
const EVIDENCE: readonly [string, number][] = [['emergent', 35], ['promising', 30], ['documented', 20], ['best', 12], ['concerning', 3]];
/** The language a practice is written in: where the library's authors are. */
const LANGUAGE_WEIGHTS: Readonly<Record<string, number>> = { en: 14, 'sr-Latn': 10, ro: 10, mk: 9, sq: 9, el: 9, bg: 8, hr: 7, bs: 7, fr: 6, 'sr-Cyrl': 5, cnr: 3, rom: 3 };
/** Words made of a language's syllables, past the words of the corpora. */
const TAIL_WORDS = 6_000;

type Place = 'title' | 'summary' | 'body';

/** A small, fast, seedable generator (mulberry32): the same seed, the same numbers. */
export function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words drawn by rank with probability ~ 1 / rank (Zipf's law for words in text). */
class ZipfWords {
  private readonly cumulative: Float64Array;
  constructor(private readonly words: readonly string[]) {
    this.cumulative = new Float64Array(words.length);
    let total = 0;
    words.forEach((_, rank) => {
      total += 1 / (rank + 1);
      this.cumulative[rank] = total;
    });
  }
  draw(random: () => number): string {
    const target = random() * this.cumulative[this.cumulative.length - 1]!;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return this.words[low]!;
  }
}

interface LanguageWords {
  readonly title: ZipfWords;
  readonly summary: ZipfWords;
  readonly body: ZipfWords;
}

const WORD = /[\p{L}][\p{L}\p{M}]*/gu;

function byFrequency(texts: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) for (const word of text.match(WORD) ?? []) counts.set(word.toLowerCase(), (counts.get(word.toLowerCase()) ?? 0) + 1);
  return [...counts.entries()].sort((left, right) => right[1] - left[1] || (left[0] < right[0] ? -1 : 1)).map(([word]) => word);
}

/** Words of the language's own letters, made of pieces of its words, each once. */
function tailWords(words: readonly string[], seed: number, count: number): string[] {
  const random = randomFrom(seed);
  const pieces = words.filter((word) => word.length >= 4).flatMap((word) => [word.slice(0, 3), word.slice(-3), word.slice(1, 4)]);
  const known = new Set(words);
  const tail = new Set<string>();
  for (let attempt = 0; tail.size < count && attempt < count * 20; attempt += 1) {
    const parts = 2 + Math.floor(random() * 2);
    let word = '';
    for (let part = 0; part < parts; part += 1) word += pieces[Math.floor(random() * pieces.length)]!;
    if (!known.has(word)) tail.add(word);
  }
  return [...tail];
}

let vocabulary: ReadonlyMap<string, LanguageWords> | undefined;

function languageWords(language: string): LanguageWords {
  vocabulary ??= new Map(
    GENERATED_LANGUAGES.map((code, index) => {
      const texts = [...EVALUATION_CORPUS, ...HELD_OUT_CORPUS].flatMap((practice) => practice.texts.filter((text) => text.language === code));
      const titles = byFrequency(texts.map((text) => text.title));
      const summaries = byFrequency(texts.map((text) => `${text.title} ${text.summary}`));
      const bodies = byFrequency(texts.map((text) => `${text.summary} ${text.body}`));
      const tail = tailWords(bodies, 7919 * (index + 1), TAIL_WORDS);
      return [code, { title: new ZipfWords(titles), summary: new ZipfWords(summaries), body: new ZipfWords([...bodies, ...tail]) }];
    }),
  );
  return vocabulary.get(language)!;
}

/** The organisation names (Latin script, as registered), the same for every seed. */
export function organisationName(index: number): string {
  const random = randomFrom(0x5eed + index);
  const syllables = ['ra', 'do', 'vi', 'ko', 'na', 'le', 'mi', 'sta', 'bor', 'zel', 'tri', 'gor', 'an', 'el', 'iva', 'lup', 'dar', 'ves', 'mo', 'ker'];
  let name = '';
  const parts = 3 + Math.floor(random() * 2);
  for (let part = 0; part < parts; part += 1) name += syllables[Math.floor(random() * syllables.length)]!;
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}${index.toString(36)}`;
}

function sentence(words: ZipfWords, random: () => number, length: number): string {
  const drawn = Array.from({ length }, () => words.draw(random));
  return `${drawn.join(' ').replace(/^./u, (first) => first.toUpperCase())}.`;
}

function text(words: LanguageWords, place: Place, random: () => number, wordCount: number, organisation: string): string {
  const sentences: string[] = [];
  let written = 0;
  while (written < wordCount) {
    const length = Math.min(wordCount - written, 8 + Math.floor(random() * 14));
    sentences.push(sentence(words[place], random, Math.max(1, length)));
    written += length;
  }
  // The organisation that runs it, as write-ups name it: once in the summary and once in the body.
  if (place !== 'title') sentences.splice(Math.floor(random() * sentences.length), 0, `${organisation}.`);
  return sentences.join(' ');
}

function pick<T>(values: readonly T[], random: () => number, min: number, max: number): T[] {
  const count = min + Math.floor(random() * (max - min + 1));
  const chosen = new Set<T>();
  while (chosen.size < count) chosen.add(values[Math.floor(random() * values.length)]!);
  return [...chosen];
}

function weighted(weights: readonly [string, number][], random: () => number): string {
  let target = random() * weights.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of weights) {
    target -= weight;
    if (target < 0) return value;
  }
  return weights.at(-1)![0];
}

/** A stable uuid for practice `index` of corpus `seed`. */
export function generatedPracticeId(seed: number, index: number): string {
  return `${(seed >>> 0).toString(16).padStart(8, '0')}-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

/** Practice `index` of the corpus generated from `seed`: the same every time. */
export function generatePractice(seed: number, index: number): PracticeSearchEntry {
  const random = randomFrom((seed * 1_000_003 + index) >>> 0);
  const languages = Object.entries(LANGUAGE_WEIGHTS);
  const original = weighted(languages, random);
  const translations = random() < 0.33 ? (random() < 0.3 ? 2 : 1) : 0;
  const textLanguages = [original];
  // Translations go mostly into English, then into the neighbours' languages.
  while (textLanguages.length < 1 + translations) {
    const language = random() < 0.6 && !textLanguages.includes('en') ? 'en' : weighted(languages, random);
    if (!textLanguages.includes(language)) textLanguages.push(language);
  }
  const organisation = organisationName(Math.floor(random() * ORGANISATIONS));
  const bodyWords = 800 + Math.floor(random() * 700);
  return {
    practiceId: generatedPracticeId(seed, index),
    texts: textLanguages.map((language) => {
      const words = languageWords(language);
      return {
        language,
        title: text(words, 'title', random, 5 + Math.floor(random() * 7), organisation).replace(/\.$/u, ''),
        summary: text(words, 'summary', random, 85 + Math.floor(random() * 30), organisation),
        body: text(words, 'body', random, bodyWords, organisation),
      };
    }),
    themes: pick(THEMES, random, 1, 3),
    countries: pick(COUNTRIES, random, 1, 2),
    targetGroups: pick(TARGET_GROUPS, random, 1, 3),
    evidence: weighted(EVIDENCE, random),
    alertKinds: pick(ALERT_KINDS, random, 0, 2),
  };
}
