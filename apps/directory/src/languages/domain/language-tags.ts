/**
 * Language tags as the directory keeps them: BCP 47 in its canonical form, so that
 * "sr-cyrl", "SR-Cyrl" and "sr-Cyrl" are one language and a filter finds them all. The
 * gateway accepts any case of a script subtag; here it is put right, not refused.
 */

/**
 * The canonical form of a tag (Intl.getCanonicalLocales: case, region aliases such as
 * CS -> RS), or the tag unchanged when it is malformed, for the validator to refuse
 * naming the field. The language subtag is kept as given: CLDR aliases would turn
 * Montenegrin "cnr" into "sr-ME" and Vlax Romani "rmy" into "rom", languages CPX names
 * on their own.
 */
export function canonicalLanguageTag(tag: string): string {
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0] ?? tag;
  } catch {
    return tag;
  }
  const [language = '', ...rest] = tag.split('-');
  if (canonical.split('-')[0] === language.toLowerCase()) return canonical;
  return [language.toLowerCase(), ...rest.map(conventionalCase)].join('-');
}

export function canonicalLanguageTags(tags: string[]): string[];
export function canonicalLanguageTags(tags: string[] | undefined): string[] | undefined;
export function canonicalLanguageTags(tags: string[] | undefined): string[] | undefined {
  return tags?.map(canonicalLanguageTag);
}

/** RFC 5646 2.1.1: scripts in title case, regions in upper case, the rest in lower case. */
function conventionalCase(subtag: string): string {
  if (/^[A-Za-z]{4}$/.test(subtag)) return subtag[0]!.toUpperCase() + subtag.slice(1).toLowerCase();
  if (/^[A-Za-z]{2}$/.test(subtag)) return subtag.toUpperCase();
  return subtag.toLowerCase();
}
