/**
 * What evidence stands behind a practice, in the terms of the European Platform for
 * Investing in Children (EPIC, the European Commission's registry of evidence-based
 * practices for children): three criteria, each graded none, + or ++ by a reviewer —
 *   effectiveness    the quality of the research showing it works (+: at least a pre/post
 *                    design with significant positive results, p < 0.1; ++: a convincing
 *                    comparison group, p < 0.05, an effect size of 0.1 SD or more),
 *   transferability  evaluated in at least one more country and enough material to
 *                    replicate it (++ also with cost information showing cost-effectiveness),
 *   enduring impact  effects that last (+: a year or more after the intervention; ++ also
 *                    measured again later) —
 * and the level they give, as EPIC writes it down:
 *   EMERGENT   at least + in effectiveness;
 *   PROMISING  at least + in effectiveness and + in at least one of the other two;
 *   BEST       at least + in all three.
 * Without effectiveness (+ or more) there is no level: such a practice is "documented,
 * not evaluated" (most of what practitioners share, and worth sharing), unless it is
 * "concerning: do not use", which always says why (harm found, rights breached, an
 * evaluation that showed it backfires) and is set by a curator only.
 */
import { DomainError, hasRole, type Principal } from '@cpx/platform';
import { plainTextField } from '../../content/domain/plain-text-field';
import { destinationProblem } from '../../content/domain/safe-markdown';

export const GRADES = ['NONE', 'PLUS', 'PLUS_PLUS'] as const;
export type Grade = (typeof GRADES)[number];

export const EVIDENCE_LEVELS = ['EMERGENT', 'PROMISING', 'BEST'] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

/** What a reader sees as "evidence": a level, or one of the two assessments outside the scale. */
export const EVIDENCE_RATINGS = [...EVIDENCE_LEVELS, 'DOCUMENTED_NOT_EVALUATED', 'CONCERNING'] as const;
export type EvidenceRating = (typeof EVIDENCE_RATINGS)[number];

export interface EpicCriteria {
  readonly effectiveness: Grade;
  readonly transferability: Grade;
  readonly enduringImpact: Grade;
}

export type Evidence =
  | { readonly kind: 'RATED'; readonly criteria: EpicCriteria; readonly sources: readonly string[] }
  | { readonly kind: 'DOCUMENTED_NOT_EVALUATED' }
  | { readonly kind: 'CONCERNING'; readonly reason: string };

export const MIN_CONCERN_REASON_LENGTH = 20;
export const MAX_CONCERN_REASON_LENGTH = 2000;
export const MAX_EVIDENCE_SOURCES = 10;
export const MAX_SOURCE_LENGTH = 2000;

const atLeastPlus = (grade: Grade) => grade !== 'NONE';

/** EPIC's level for three grades, or undefined without evidence of effectiveness. */
export function epicLevel(criteria: EpicCriteria): EvidenceLevel | undefined {
  if (!atLeastPlus(criteria.effectiveness)) return undefined;
  const others = [criteria.transferability, criteria.enduringImpact].filter(atLeastPlus).length;
  if (others === 2) return 'BEST';
  if (others === 1) return 'PROMISING';
  return 'EMERGENT';
}

/** What a reader and the search facet see. */
export function evidenceRating(evidence: Evidence): EvidenceRating {
  switch (evidence.kind) {
    case 'RATED':
      return epicLevel(evidence.criteria) ?? 'DOCUMENTED_NOT_EVALUATED';
    case 'DOCUMENTED_NOT_EVALUATED':
    case 'CONCERNING':
      return evidence.kind;
  }
}

/**
 * The evidence as stored, or BAD_USER_INPUT naming the field; FORBIDDEN when anyone but a
 * curator marks a practice concerning or lifts that mark (a warning against a colleague's
 * work is the curator's call, made in review, not a label an author can put on or take
 * off). `previous` is the evidence of the revision this one follows, if any: an author
 * revising a practice marked concerning keeps the mark as it is.
 * A rating without effectiveness is refused rather than stored as a level-less rating,
 * so "rated" always means a level and the author chooses "documented" knowingly.
 */
export function checkedEvidence(evidence: Evidence, by: Principal, field = 'input.evidence', previous?: Evidence): Evidence {
  const curator = hasRole(by, 'curator');
  if (!curator && previous?.kind === 'CONCERNING') {
    if (evidence.kind !== 'CONCERNING' || evidence.reason !== previous.reason) {
      throw DomainError.forbidden('The practice is marked concerning by a curator: only a curator changes or lifts that mark.');
    }
    return previous;
  }
  switch (evidence.kind) {
    case 'DOCUMENTED_NOT_EVALUATED':
      return evidence;
    case 'CONCERNING': {
      if (!curator) throw DomainError.forbidden('Only a curator marks a practice as concerning.');
      const reason = plainTextField(evidence.reason, `${field}.reason`, { min: MIN_CONCERN_REASON_LENGTH, max: MAX_CONCERN_REASON_LENGTH });
      return { kind: 'CONCERNING', reason };
    }
    case 'RATED': {
      for (const criterion of ['effectiveness', 'transferability', 'enduringImpact'] as const) {
        if (!(GRADES as readonly string[]).includes(evidence.criteria[criterion])) {
          throw DomainError.badInput(`${field}.criteria.${criterion}`, `A grade is one of ${GRADES.join(', ')}.`);
        }
      }
      if (!epicLevel(evidence.criteria)) {
        throw DomainError.badInput(
          `${field}.criteria.effectiveness`,
          'Without evidence of effectiveness (+ or ++) a practice has no EPIC level: describe it as documented, not evaluated.',
        );
      }
      if (evidence.sources.length === 0) throw DomainError.badInput(`${field}.sources`, 'A rating names the evaluation it rests on (a report or a study).');
      if (evidence.sources.length > MAX_EVIDENCE_SOURCES) throw DomainError.badInput(`${field}.sources`, `At most ${MAX_EVIDENCE_SOURCES} sources.`);
      const sources = evidence.sources.map((source, index) => {
        const text = plainTextField(source, `${field}.sources.${index}`, { max: MAX_SOURCE_LENGTH, singleLine: true });
        // A source is a citation or a URL; one that is a URL (a scheme, no spaces) must be one a reader may follow safely.
        if (!/\s/.test(text) && /^[a-z][a-z0-9+.-]*:/i.test(text) && destinationProblem(text)) {
          throw DomainError.badInput(`${field}.sources.${index}`, 'A source link must be an http(s), mailto or tel URL.');
        }
        return text;
      });
      return { kind: 'RATED', criteria: evidence.criteria, sources };
    }
  }
}
