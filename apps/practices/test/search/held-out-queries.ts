/**
 * Graded queries over the held-out corpus (held-out-corpus.ts), judged from its texts when
 * they were written, before search ran on them. Never tuned on: report what they give.
 */
import type { EvaluationQuery } from './evaluation-types';

export const HELD_OUT_QUERIES: readonly EvaluationQuery[] = [
  { kind: 'same-language', query: 'hraniteljske porodice', relevant: { H05: 3 } },
  { kind: 'same-language', query: 'cellule de repérage gares', relevant: { H12: 3 } },
  { kind: 'same-language', query: 'ψυχολογική υποστήριξη', relevant: { H09: 3 } },

  { kind: 'cross-script', query: 'registar nestale dece', relevant: { H06: 3 } },
  { kind: 'cross-script', query: 'mobilni ekipi ulicni deca', relevant: { H03: 3 } },
  { kind: 'cross-script', query: 'psychologiki ypostirixi', relevant: { H09: 3 } },
  { kind: 'cross-script', query: 'ХРАНИТЕЉСКЕ ПОРОДИЦЕ', relevant: { H05: 3 } },

  { kind: 'by-ear', query: '8ymata kakopoiisis', relevant: { H09: 3 } },
  { kind: 'by-ear', query: 'ulichni detsa', relevant: { H03: 3 } },
  { kind: 'by-ear', query: 'paidopsyxiatroi', relevant: { H09: 3 } },

  { kind: 'inflected', query: 'hraniteljskim porodicama', relevant: { H05: 3 } },
  { kind: 'inflected', query: 'детските бракови', relevant: { H07: 3 } },
  { kind: 'inflected', query: 'copilului exploatat', relevant: { H08: 3 } },
  { kind: 'inflected', query: 'interviewed children', relevant: { H02: 3 } },

  { kind: 'no-diacritics', query: 'Skrbnistvo za djecu bez pratnje', relevant: { H04: 3 } },
  { kind: 'no-diacritics', query: 'Skola za roditelje', relevant: { H10: 3 } },
  { kind: 'no-diacritics', query: 'martesave te femijeve', relevant: { H07: 3 } },

  { kind: 'translation', query: 'police guide interviewing child victim', relevant: { H02: 3 } },
  { kind: 'translation', query: 'Parandalimi i martesave', relevant: { H07: 3 } },

  { kind: 'several-terms', query: 'strehim vajza shfrytëzim seksual', relevant: { H01: 3 } },
  { kind: 'several-terms', query: 'mineurs victimes traite gare police', relevant: { H12: 3 } },
  { kind: 'several-terms', query: 'deca ulica škola prosjačenje', relevant: { H10: 3, H03: 2, H05: 1 } },

  { kind: 'common-term', query: 'djeca', relevant: { H04: 2, H10: 2, H05: 2, H06: 2, H03: 2, H02: 1 } },

  { kind: 'typo', query: 'hraniteljske porodcie', relevant: { H05: 3 } },
  { kind: 'typo', query: 'Interpool', relevant: { H06: 3 } },
  { kind: 'typo', query: 'skrbnistov', relevant: { H04: 3 } },

  { kind: 'faceted', query: '', filters: { themes: ['missing-children'] }, relevant: { H06: 3, H13: 3 } },
  { kind: 'faceted', query: 'djece', filters: { countries: ['HR'] }, relevant: { H04: 3 } },
  { kind: 'faceted', query: 'vajzat', filters: { evidence: ['promising'] }, relevant: { H01: 3 } },
];
