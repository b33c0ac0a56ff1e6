/**
 * The library's own concepts in the thirteen languages: the words practitioners use for the
 * controlled vocabulary's themes and target groups (trafficking, child, school, shelter,
 * begging ...). A query word that is one of them also finds the others, at a low weight, so
 * a social worker in Skopje searching "трговија со деца училиште" reaches a Romanian
 * programme written only in Romanian and English ("trafic", "copii", "școală"; "trafficking",
 * "children", "school"). Words are listed in a dictionary form; inflected forms meet them as
 * any stored word meets a query (search-plan.ts: prefixes, endings, a declined last letter).
 * A concept is vocabulary of the domain, not of any one text: add a language's word when the
 * library grows, never a word to make one search find one practice.
 */
import { wordKeys } from './search-keys';

const CONCEPTS: readonly (readonly string[])[] = [
  // trafficking in human beings
  ['trafficking', 'traite', 'trafic', 'trafikim', 'trgovina', 'трговина', 'трговија', 'трафик', 'трафикинг', 'εμπορία', 'σωματεμπορία', 'trafikingo'],
  // child, children, minor
  ['child', 'children', 'minor', 'enfant', 'mineur', 'copil', 'copii', 'fëmijë', 'fëmijët', 'dete', 'deca', 'djeca', 'dijete', 'дете', 'деца', 'деце', 'παιδί', 'παιδιά', 'ανήλικος', 'čhavo', 'čhave', 'maloletnik', 'малолетник'],
  // school
  ['school', 'école', 'școală', 'shkollë', 'škola', 'школа', 'училиште', 'училище', 'σχολείο'],
  // shelter
  ['shelter', 'refuge', 'hébergement', 'adăpost', 'strehim', 'sklonište', 'prihvatilište', 'прихватилиште', 'засолниште', 'приют', 'καταφύγιο', 'ξενώνας'],
  // begging
  ['begging', 'mendicité', 'cerșetorie', 'lypje', 'prosjačenje', 'просјачење', 'питачење', 'просия', 'επαιτεία', 'ζητιανιά'],
  // marriage
  ['marriage', 'mariage', 'căsătorie', 'martesë', 'brak', 'брак', 'γάμος', 'bijav'],
  // missing
  ['missing', 'disparition', 'disparu', 'dispărut', 'zhdukur', 'nestanak', 'nestao', 'нестанак', 'исчезнување', 'изчезнало', 'εξαφάνιση'],
  // exploitation
  ['exploitation', 'exploatare', 'shfrytëzim', 'eksploatacija', 'iskorištavanje', 'експлоатација', 'експлоатация', 'εκμετάλλευση'],
  // prevention
  ['prevention', 'prévention', 'prevenire', 'parandalim', 'prevencija', 'превенција', 'спречување', 'превенция', 'πρόληψη'],
  // protection
  ['protection', 'protecție', 'mbrojtje', 'zaštita', 'заштита', 'закрила', 'προστασία', 'arakhipe'],
  // family
  ['family', 'famille', 'familie', 'familje', 'porodica', 'obitelj', 'породица', 'семејство', 'семейство', 'οικογένεια', 'familija'],
  // police
  ['police', 'poliție', 'policia', 'policija', 'полиција', 'полиция', 'αστυνομία'],
  // victim
  ['victim', 'victime', 'victimă', 'viktimë', 'žrtva', 'жртва', 'θύμα'],
  // unaccompanied
  ['unaccompanied', 'neînsoțit', 'pashoqëruar', 'ασυνόδευτος'],
  // return and reintegration
  ['reintegration', 'réintégration', 'reintegrare', 'riintegrim', 'reintegracija', 'реинтеграција', 'реинтеграция', 'επανένταξη'],
  // guardian
  ['guardian', 'tuteur', 'tutore', 'kujdestar', 'staratelj', 'skrbnik', 'старател', 'старатељ', 'настойник', 'επίτροπος'],
];

const CONCEPT_KEYS: readonly (readonly string[])[] = CONCEPTS.map((words) => [...new Set(words.flatMap(wordKeys))]);

/**
 * The keys of every concept one of `keys` (a query word's) names, by `names(queryKey,
 * conceptKey)`: whether the query word is that concept word or a form of it.
 */
export function conceptKeys(keys: readonly string[], names: (queryKey: string, conceptKey: string) => boolean): string[] {
  const found = new Set<string>();
  for (const concept of CONCEPT_KEYS) {
    if (concept.some((conceptKey) => keys.some((key) => names(key, conceptKey)))) concept.forEach((key) => found.add(key));
  }
  keys.forEach((key) => found.delete(key));
  return [...found];
}
