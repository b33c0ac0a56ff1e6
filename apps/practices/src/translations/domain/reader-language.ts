/**
 * Which language version of a practice a reader sees: the original or a published
 * translation, chosen by the reader's preferred languages (BCP 47, in order; from their
 * profile or the browser's Accept-Language), with a note when it is outdated.
 *
 * Script matters: Serbian is written in Cyrillic and in Latin, and a reader who asks for
 * sr-Cyrl gets the Cyrillic version before the Latin one. Tags are read as people and
 * browsers send them: any case (`sr-latn`), with a region (`fr-FR`, `sr-Latn-RS`), `sr`
 * alone or `sr-RS` meaning Cyrillic and `sr-ME` Latin (the likely scripts of Unicode
 * CLDR), `sh` (Serbo-Croatian, as older systems send it) as Serbian Latin, `rmy`/`rmn`
 * (Vlax and Balkan Romani) as `rom`.
 *
 * The choice, in order:
 *   1. each preferred language, in the reader's order, exactly (language and script);
 *   2. each preferred language, in order, through a language its reader reads as well:
 *      Bosnian, Croatian, Montenegrin and Serbian for one another (one language for
 *      reading purposes): for a Serbian reader the other script of Serbian first, for the
 *      others the same script first;
 *   3. English, if there is a version in it (the platform's common language);
 *   4. the original.
 * An outdated translation is still chosen at its place (a practice in one's own language,
 * a revision behind, beats a current one in a language one cannot read), with the note
 * and the language of the current text, so the reader can switch.
 */
import type { PracticeLanguage } from '../../search/domain/search-languages';

export interface AvailableVersion {
  readonly language: PracticeLanguage;
  readonly original: boolean;
  readonly outdated: boolean;
}

export interface ReaderChoice {
  readonly language: PracticeLanguage;
  readonly original: boolean;
  /** When set, the chosen text is a translation of an older revision; the current text is in `currentLanguage`. */
  readonly outdated?: { readonly currentLanguage: PracticeLanguage };
}

/** Read as one language for reading purposes, each with its script. */
const SHTOKAVIAN: ReadonlyArray<readonly [PracticeLanguage, 'Latn' | 'Cyrl']> = [
  ['sr-Latn', 'Latn'],
  ['sr-Cyrl', 'Cyrl'],
  ['bs', 'Latn'],
  ['hr', 'Latn'],
  ['cnr', 'Latn'],
];

const SERBIAN_LATIN_REGIONS = ['ME', 'BA', 'HR', 'XK'];

/** The library language a reader's tag means, or undefined for a language the library has not. */
export function libraryLanguage(tag: string): PracticeLanguage | undefined {
  const [language, ...rest] = tag.trim().toLowerCase().split(/[-_]/);
  const script = rest.find((part) => part.length === 4);
  const region = rest.find((part) => part.length === 2)?.toUpperCase();
  switch (language) {
    case 'sh': // Serbo-Croatian, as older systems tag it: written in Latin
      return 'sr-Latn';
    case 'sr':
      if (script === 'latn') return 'sr-Latn';
      if (script === 'cyrl') return 'sr-Cyrl';
      return region && SERBIAN_LATIN_REGIONS.includes(region) ? 'sr-Latn' : 'sr-Cyrl';
    case 'rom':
    case 'rmy':
    case 'rmn':
      return 'rom';
    case 'sq':
    case 'bs':
    case 'bg':
    case 'hr':
    case 'mk':
    case 'ro':
    case 'el':
    case 'cnr':
    case 'fr':
    case 'en':
      return language;
    default:
      return undefined;
  }
}

export function chooseVersion(preferred: readonly string[], versions: readonly AvailableVersion[]): ReaderChoice {
  const original = versions.find((version) => version.original);
  if (!original) throw new Error('A practice always has its original version.');
  const wanted = preferred.map(libraryLanguage).filter((language) => language !== undefined);
  const available = (language: PracticeLanguage) => versions.find((version) => version.language === language);
  const pick =
    firstOf(wanted, available) ??
    firstOf(wanted, (language) => firstOf(readAlso(language), available)) ??
    available('en') ??
    original;
  return {
    language: pick.language,
    original: pick.original,
    ...(pick.outdated ? { outdated: { currentLanguage: original.language } } : {}),
  };
}

/** The other languages a reader of `language` reads, same script first. */
function readAlso(language: PracticeLanguage): PracticeLanguage[] {
  const own = SHTOKAVIAN.find(([member]) => member === language);
  if (!own) return [];
  const others = SHTOKAVIAN.filter(([member]) => member !== language);
  const serbian = others.filter(([member]) => language.startsWith('sr-') && member.startsWith('sr-'));
  const rest = others.filter((entry) => !serbian.includes(entry));
  return [...serbian, ...rest.filter(([, script]) => script === own[1]), ...rest.filter(([, script]) => script !== own[1])].map(([member]) => member);
}

function firstOf<T, R>(items: readonly T[], find: (item: T) => R | undefined): R | undefined {
  for (const item of items) {
    const found = find(item);
    if (found !== undefined) return found;
  }
  return undefined;
}
