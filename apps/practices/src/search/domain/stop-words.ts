/**
 * Words of the thirteen languages that carry no topic (articles, conjunctions, the commonest
 * prepositions). A query drops them when it has other words, so "трговија со деца" ranks by
 * трговија and деца; a query of nothing else keeps them, and is searched as typed. Listed
 * as people write them; compared by spelling key, so any script or spelling of one is one.
 * A word that is a function word in one language and a topic in another stays out (Romanian
 * "care", which, is English "care").
 */
import { primaryKey } from './search-keys';

const WRITTEN = [
  // English, French
  'a an and the of in on for to with by at or from is are as its this that into',
  'le la les l de des du d et ou en au aux un une pour par sur dans avec est qui que',
  // Romanian
  'și si în in cu de la pentru din pe al ale a o un unei unui sau prin este',
  // Albanian
  'e të te në ne me dhe i për per nga një ose që qe është',
  // Bosnian, Croatian, Serbian, Montenegrin (Latin and Cyrillic)
  'i u na za sa s od do o je se da ili kao po iz ka prema su и у на за са од до је се да или као по из према су',
  // Macedonian, Bulgarian
  'во со на за од до се да или како по кон не е ги го ја ќе в с от при към са',
  // Greek
  'και για με σε του της των το τα η ο οι στο στη στην στα από ένα μια που ή',
  // Romani
  'thaj le o ko ka te pe vaś',
];

const STOP_KEYS = new Set(WRITTEN.flatMap((line) => line.split(' ')).map(primaryKey));

export function isStopWord(word: string): boolean {
  return STOP_KEYS.has(primaryKey(word));
}
