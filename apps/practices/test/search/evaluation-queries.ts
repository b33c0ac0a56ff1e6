/**
 * Graded queries over the development corpus (evaluation-corpus.ts), every kind the issue
 * names. Relevance is judged from the texts as a reader would (3: the practice asked for;
 * 2: clearly relevant; 1: partly), never from what the search returned.
 */
import type { EvaluationQuery } from './evaluation-types';

export const EVALUATION_QUERIES: readonly EvaluationQuery[] = [
  // The query in the language and script of the practice.
  { kind: 'same-language', query: 'прихватилиште за децу', relevant: { D04: 3 } },
  { kind: 'same-language', query: 'lypjes së detyruar', relevant: { D08: 3 } },
  { kind: 'same-language', query: 'mineurs non accompagnés', relevant: { D15: 3 } },
  { kind: 'same-language', query: 'ασυνόδευτα παιδιά', relevant: { D05: 3 } },
  { kind: 'same-language', query: 'data protection case files', relevant: { D18: 3 } },

  // Latin meets Cyrillic and Greek, both ways.
  { kind: 'cross-script', query: 'prihvatilište deca trgovina ljudima', relevant: { D04: 3, D02: 1 } },
  { kind: 'cross-script', query: 'трговина децом', relevant: { D02: 3, D04: 2 } },
  { kind: 'cross-script', query: 'identifikacija na deca zrtvi', relevant: { D03: 3 } },
  { kind: 'cross-script', query: 'kiniti monada', relevant: { D06: 3 } },
  { kind: 'cross-script', query: 'bezbedno uciliste', relevant: { D01: 3 } },
  { kind: 'cross-script', query: 'Шуто Оризари', relevant: { D14: 3 } },

  // Written as heard: loanwords, Greeklish, another romanisation.
  { kind: 'by-ear', query: 'trafiking', relevant: { D03: 3, D14: 2, D07: 2, D09: 2, D01: 2 }, note: 'every practice that writes trafficking in any script or spelling' },
  { kind: 'by-ear', query: 'paidia sto dromo', relevant: { D06: 3, D05: 1 } },
  { kind: 'by-ear', query: 'asinodefta pedia', relevant: { D05: 3 } },
  { kind: 'by-ear', query: 'krizisen tsentar', relevant: { D09: 3 } },

  // Another form of the words than the text has.
  { kind: 'inflected', query: 'prevenire trafic copii', relevant: { D01: 3, D16: 1, D19: 1 } },
  { kind: 'inflected', query: 'децата жртви на трговијата', relevant: { D03: 3, D01: 1 } },
  { kind: 'inflected', query: 'fëmijëve të trafikuar', relevant: { D07: 3 } },
  { kind: 'inflected', query: 'children trafficked', relevant: { D01: 3, D03: 3 } },
  { kind: 'inflected', query: 'κινητές μονάδες για παιδιά', relevant: { D06: 3 } },
  { kind: 'inflected', query: 'прихватилишта', relevant: { D04: 3 } },

  // Diacritics left out, as on a keyboard without them.
  { kind: 'no-diacritics', query: 'Scoala sigura', relevant: { D01: 3 } },
  { kind: 'no-diacritics', query: 'lypjes se detyruar', relevant: { D08: 3 } },
  { kind: 'no-diacritics', query: 'zastita djece na internetu', relevant: { D11: 3, D20: 1 } },
  { kind: 'no-diacritics', query: 'Dezurna linija', relevant: { D12: 3 } },
  { kind: 'no-diacritics', query: 'reintegracija dece vracene iz inostranstva', relevant: { D13: 3 } },

  // Found through a translation into the query's language.
  { kind: 'translation', query: 'school programme child trafficking', relevant: { D01: 3, D03: 1 } },
  { kind: 'translation', query: 'училишна програма', relevant: { D01: 3 } },
  { kind: 'translation', query: 'Këshilli i fëmijëve', relevant: { D20: 3 } },
  { kind: 'translation', query: 'children working on the street', relevant: { D06: 3 } },
  { kind: 'translation', query: 'protecția copiilor infracțiuni', relevant: { D16: 3 } },
  { kind: 'translation', query: 'standard operating procedures', relevant: { D03: 3 } },

  // Several terms: the practices with most of them first.
  { kind: 'several-terms', query: 'трговија со деца училиште', relevant: { D01: 3, D02: 2, D03: 1, D04: 1 } },
  { kind: 'several-terms', query: 'mobile teams police social work', relevant: { D03: 3, D06: 1 } },
  { kind: 'several-terms', query: 'radionice roditelji internet', relevant: { D11: 3, D02: 1 } },
  { kind: 'several-terms', query: 'παιδιά εκμετάλλευση εισαγγελία', relevant: { D06: 3, D05: 2 } },
  { kind: 'several-terms', query: 'familje shkollë fëmijë lypin', relevant: { D08: 3, D07: 1 } },

  // A term in most practices of its language: those about it (in the title) first.
  { kind: 'common-term', query: 'children', relevant: { D17: 2, D06: 2, D03: 2, D18: 2, D01: 1 } },
  { kind: 'common-term', query: 'copii', relevant: { D01: 2, D16: 2, D19: 2 } },
  { kind: 'common-term', query: 'fëmijët', relevant: { D07: 2, D08: 2, D20: 2 } },

  // Mistyped.
  { kind: 'typo', query: 'trafficing', relevant: { D01: 2, D03: 2, D14: 1, D07: 1, D09: 1 } },
  { kind: 'typo', query: 'prihvatilste', relevant: { D04: 3 } },
  { kind: 'typo', query: 'reunifcation', relevant: { D17: 3 } },
  { kind: 'typo', query: 'protectoin data', relevant: { D18: 3 } },
  { kind: 'typo', query: 'mineurs non acompagnés', relevant: { D15: 3 } },
  { kind: 'typo', query: 'εκμεταλευση', relevant: { D05: 2, D06: 2 } },

  // With facets as filters (an empty query browses).
  { kind: 'faceted', query: 'children', filters: { countries: ['GR'] }, relevant: { D06: 2, D17: 2 } },
  { kind: 'faceted', query: '', filters: { themes: ['child-marriage'] }, relevant: { D10: 3 } },
  { kind: 'faceted', query: 'trafik', filters: { countries: ['BG'] }, relevant: { D09: 3 } },
  { kind: 'faceted', query: 'деца', filters: { evidence: ['best'] }, relevant: { D02: 3 } },
  { kind: 'faceted', query: 'program', filters: { languages: ['ro'] }, relevant: { D01: 3 } },
  { kind: 'faceted', query: '', filters: { alertKinds: ['MISSING_CHILD'] }, relevant: { D12: 3, D17: 3 } },
];
