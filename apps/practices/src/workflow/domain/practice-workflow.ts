/**
 * The life of a practice, as pure decisions: given the practice as stored, who acts, the
 * command and the time, `decide` returns the practice as it must be stored next and the
 * event to record with it (in the same transaction, ADR 2), or throws the typed error and
 * nothing changes.
 *
 *   draft -> submitted -> in review -> changes requested -> (edited) -> submitted ...
 *                                   -> published -> archived (RETIRED | WITHDRAWN, with a reason)
 *   any stage before publication -(author withdraws, with a reason)-> archived WITHDRAWN
 *   (a working revision of a published practice is withdrawn alone: the published one stays)
 *
 * A practice has at most two revisions that matter at a time: the PUBLISHED one (what
 * readers see) and a WORKING one (a draft, or a revision on its way through review). An
 * edit of a published practice opens a new working revision; the published one stays
 * live, untouched, until the new one is published in its place (or withdrawn, leaving it
 * as it was). Every revision is kept (revisions/domain compares any two).
 *
 * Who: any verified professional (or a curator) drafts; only the author edits, submits,
 * revises and withdraws their own work — a curator reviewing a draft comments on it, never
 * edits it; only curators take a submission into review, comment, request changes,
 * publish, archive and confirm a re-review, and never on a practice they wrote (four
 * eyes: nobody publishes their own practice). Refusals: FORBIDDEN for who, CONFLICT for a
 * state that does not allow the step or a stale `expectedVersion`, BAD_USER_INPUT naming
 * the field for the input itself. Every change adds one to `version`.
 */
import { DomainError } from '@cpx/platform';
import { plainTextField } from '../../content/domain/plain-text-field';
import type { PracticeContent } from '../../practices/domain/practice-content';
import { canDraft, isAuthor, isCurator, type Actor } from './practice-access';
import { checkedComment, type ReviewComment } from './review-comment';
import { reviewDueAt } from './review-schedule';

export const WORKING_STAGES = ['DRAFT', 'SUBMITTED', 'IN_REVIEW', 'CHANGES_REQUESTED'] as const;
export type WorkingStage = (typeof WORKING_STAGES)[number];
export const ARCHIVE_KINDS = ['RETIRED', 'WITHDRAWN'] as const;
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number];
export type PracticeStatus = WorkingStage | 'PUBLISHED' | 'ARCHIVED';

export const MIN_REASON_LENGTH = 10;
export const MAX_REASON_LENGTH = 2000;

export interface Practice {
  readonly id: string;
  readonly authorSubject: string;
  readonly authorAgencyId?: string;
  /** Optimistic concurrency: every change adds one; a command names the version it saw. */
  readonly version: number;
  /** The highest revision number ever opened (numbers are never reused). */
  readonly latestRevision: number;
  readonly published?: { readonly revision: number; readonly publishedAt: Date; readonly reviewDueAt: Date; readonly reviewDueAnnouncedFor?: Date };
  readonly working?: { readonly revision: number; readonly stage: WorkingStage; readonly reviewer?: string };
  readonly archived?: { readonly kind: ArchiveKind; readonly reason: string; readonly at: Date; readonly by: string };
}

export type Command =
  | { readonly type: 'EDIT'; readonly expectedVersion: number }
  /** `content` is the working revision's, to check it is complete enough to review. */
  | { readonly type: 'SUBMIT'; readonly expectedVersion: number; readonly content: PracticeContent }
  | { readonly type: 'START_REVIEW'; readonly expectedVersion: number }
  | { readonly type: 'COMMENT'; readonly expectedVersion: number; readonly section: string; readonly text: string }
  | { readonly type: 'REQUEST_CHANGES'; readonly expectedVersion: number }
  | { readonly type: 'PUBLISH'; readonly expectedVersion: number }
  | { readonly type: 'REVISE'; readonly expectedVersion: number }
  | { readonly type: 'WITHDRAW'; readonly expectedVersion: number; readonly reason: string }
  | { readonly type: 'ARCHIVE'; readonly expectedVersion: number; readonly kind: ArchiveKind; readonly reason: string }
  | { readonly type: 'CONFIRM_REVIEW'; readonly expectedVersion: number }
  | { readonly type: 'ANNOUNCE_REVIEW_DUE'; readonly expectedVersion: number };

/** What happened, for the outbox: the events (submitted, published, revised, archived, review due) and the review steps. */
export type WorkflowEvent =
  | { readonly type: 'PracticeEdited'; readonly revision: number }
  | { readonly type: 'PracticeSubmitted'; readonly revision: number }
  | { readonly type: 'PracticeReviewStarted'; readonly revision: number; readonly reviewer: string }
  | { readonly type: 'PracticeCommented'; readonly comment: ReviewComment }
  | { readonly type: 'PracticeChangesRequested'; readonly revision: number }
  | { readonly type: 'PracticePublished'; readonly revision: number; readonly replaces?: number; readonly reviewDueAt: Date }
  | { readonly type: 'PracticeRevisionOpened'; readonly revision: number }
  | { readonly type: 'PracticeRevisionWithdrawn'; readonly revision: number; readonly reason: string }
  | { readonly type: 'PracticeArchived'; readonly kind: ArchiveKind; readonly reason: string }
  | { readonly type: 'PracticeReReviewed'; readonly reviewDueAt: Date }
  | { readonly type: 'PracticeReviewDue'; readonly revision: number; readonly reviewDueAt: Date };

export interface Decision {
  readonly practice: Practice;
  readonly event: WorkflowEvent;
}

/** What a reader of the list sees: archived, else published (maybe with a revision in the works), else the working stage. */
export function statusOf(practice: Practice): PracticeStatus {
  if (practice.archived) return 'ARCHIVED';
  if (practice.published) return 'PUBLISHED';
  return practice.working!.stage;
}

/** A new practice: revision 1, a draft of its author. */
export function newPractice(id: string, actor: Actor): Decision {
  if (!canDraft(actor)) throw DomainError.forbidden('Only verified professionals and curators draft practices.');
  return {
    practice: { id, authorSubject: actor.principal.subject, ...agencyOf(actor), version: 1, latestRevision: 1, working: { revision: 1, stage: 'DRAFT' } },
    event: { type: 'PracticeEdited', revision: 1 },
  };
}

export function decide(practice: Practice, actor: Actor, command: Command, now: Date): Decision {
  if (command.expectedVersion !== practice.version) {
    throw DomainError.conflict(
      `The practice changed since you read it (version ${practice.version}, you had ${command.expectedVersion}): reload it and try again.`,
      'expectedVersion',
    );
  }
  if (practice.archived) throw DomainError.conflict('The practice is archived: nothing more can happen to it.');
  const next = (change: Partial<Practice>, event: WorkflowEvent): Decision => ({ practice: { ...practice, ...change, version: practice.version + 1 }, event });
  switch (command.type) {
    case 'EDIT': {
      const working = authorsOwn(practice, actor, ['DRAFT', 'CHANGES_REQUESTED'], 'edited');
      return next({}, { type: 'PracticeEdited', revision: working.revision });
    }
    case 'SUBMIT': {
      const working = authorsOwn(practice, actor, ['DRAFT', 'CHANGES_REQUESTED'], 'submitted');
      const missing = submissionProblem(command.content);
      if (missing) throw DomainError.badInput(`input.${missing}`, `A practice is submitted with its ${missing}: add it first.`);
      return next({ working: { revision: working.revision, stage: 'SUBMITTED' } }, { type: 'PracticeSubmitted', revision: working.revision });
    }
    case 'START_REVIEW': {
      // From IN_REVIEW too: another curator takes over a review its reviewer cannot finish.
      const working = curatorsStep(practice, actor, ['SUBMITTED', 'IN_REVIEW'], 'taken into review', { takeOver: true });
      return next(
        { working: { revision: working.revision, stage: 'IN_REVIEW', reviewer: actor.principal.subject } },
        { type: 'PracticeReviewStarted', revision: working.revision, reviewer: actor.principal.subject },
      );
    }
    case 'COMMENT': {
      const working = curatorsStep(practice, actor, ['IN_REVIEW'], 'commented on');
      const { section, text } = checkedComment(command.section, command.text);
      return next({}, { type: 'PracticeCommented', comment: { revision: working.revision, section, text, by: actor.principal.subject, at: now } });
    }
    case 'REQUEST_CHANGES': {
      const working = curatorsStep(practice, actor, ['IN_REVIEW'], 'sent back for changes');
      return next({ working: { revision: working.revision, stage: 'CHANGES_REQUESTED' } }, { type: 'PracticeChangesRequested', revision: working.revision });
    }
    case 'PUBLISH': {
      const working = curatorsStep(practice, actor, ['IN_REVIEW'], 'published');
      const due = reviewDueAt(now);
      return next(
        { published: { revision: working.revision, publishedAt: now, reviewDueAt: due }, working: undefined },
        { type: 'PracticePublished', revision: working.revision, ...(practice.published ? { replaces: practice.published.revision } : {}), reviewDueAt: due },
      );
    }
    case 'REVISE': {
      if (!isAuthor(actor, practice) || !canDraft(actor)) throw DomainError.forbidden('Only the author, verified, revises a practice.');
      if (!practice.published) throw DomainError.conflict('Only a published practice is revised; edit the draft instead.');
      if (practice.working) throw DomainError.conflict(`Revision ${practice.working.revision} is already being worked on (${practice.working.stage}).`);
      const revision = practice.latestRevision + 1;
      return next({ latestRevision: revision, working: { revision, stage: 'DRAFT' } }, { type: 'PracticeRevisionOpened', revision });
    }
    case 'WITHDRAW': {
      const working = authorsOwn(practice, actor, WORKING_STAGES, 'withdrawn');
      const reason = checkedReason(command.reason);
      if (practice.published) {
        return next({ working: undefined }, { type: 'PracticeRevisionWithdrawn', revision: working.revision, reason });
      }
      return next(
        { working: undefined, archived: { kind: 'WITHDRAWN', reason, at: now, by: actor.principal.subject } },
        { type: 'PracticeArchived', kind: 'WITHDRAWN', reason },
      );
    }
    case 'ARCHIVE': {
      mustCurate(practice, actor);
      if (!(ARCHIVE_KINDS as readonly string[]).includes(command.kind)) throw DomainError.badInput('input.kind', `An archive is ${ARCHIVE_KINDS.join(' or ')}.`);
      if (!practice.published) throw DomainError.conflict('Only a published practice is archived by a curator; an unpublished one is withdrawn by its author.');
      const reason = checkedReason(command.reason);
      return next(
        { working: undefined, archived: { kind: command.kind, reason, at: now, by: actor.principal.subject } },
        { type: 'PracticeArchived', kind: command.kind, reason },
      );
    }
    case 'CONFIRM_REVIEW': {
      mustCurate(practice, actor);
      if (!practice.published) throw DomainError.conflict('Only a published practice is re-reviewed.');
      const due = reviewDueAt(now);
      return next({ published: { ...practice.published, reviewDueAt: due, reviewDueAnnouncedFor: undefined } }, { type: 'PracticeReReviewed', reviewDueAt: due });
    }
    case 'ANNOUNCE_REVIEW_DUE': {
      // Done by the service's scheduler (a curator's principal is not needed; the use case runs it as the service).
      if (!practice.published || now.getTime() < practice.published.reviewDueAt.getTime()) throw DomainError.conflict('The practice is not due for re-review.');
      if (practice.published.reviewDueAnnouncedFor?.getTime() === practice.published.reviewDueAt.getTime()) throw DomainError.conflict('Already announced.');
      const { revision, reviewDueAt: due } = practice.published;
      return next({ published: { ...practice.published, reviewDueAnnouncedFor: due } }, { type: 'PracticeReviewDue', revision, reviewDueAt: due });
    }
  }
}

function authorsOwn(practice: Practice, actor: Actor, stages: readonly WorkingStage[], what: string): NonNullable<Practice['working']> {
  if (!isAuthor(actor, practice)) {
    throw DomainError.forbidden(isCurator(actor) ? 'A curator comments on a draft; only its author changes it.' : 'Only the author does this.');
  }
  // An author no longer verified (suspended, or their verification withdrawn) changes nothing, as in every service.
  if (!canDraft(actor)) throw DomainError.forbidden('Only a verified professional changes a practice.');
  return workingIn(practice, stages, what);
}

function curatorsStep(practice: Practice, actor: Actor, stages: readonly WorkingStage[], what: string, options = { takeOver: false }): NonNullable<Practice['working']> {
  mustCurate(practice, actor);
  const working = workingIn(practice, stages, what);
  if (!options.takeOver && working.stage === 'IN_REVIEW' && working.reviewer !== actor.principal.subject) {
    throw DomainError.conflict('Another curator is reviewing this revision.');
  }
  return working;
}

function mustCurate(practice: Practice, actor: Actor): void {
  if (!isCurator(actor)) throw DomainError.forbidden('Only a curator does this.');
  if (isAuthor(actor, practice)) throw DomainError.forbidden('Nobody reviews, publishes or archives their own practice: another curator does.');
}

function workingIn(practice: Practice, stages: readonly WorkingStage[], what: string): NonNullable<Practice['working']> {
  const working = practice.working;
  if (!working || !stages.includes(working.stage)) {
    const now = working ? `revision ${working.revision} is ${working.stage}` : `it is ${statusOf(practice)} with no revision in the works`;
    throw DomainError.conflict(`The practice cannot be ${what}: ${now} (needs ${stages.join(' or ')}).`);
  }
  return working;
}

/**
 * What a draft may lack but a submission may not, as the field at fault, or undefined: a
 * reviewer cannot judge, nor a reader find, a practice without a body, a theme or a
 * country where it runs.
 */
export function submissionProblem(content: PracticeContent): string | undefined {
  if (!content.body.trim()) return 'body';
  if (content.themes.length === 0) return 'themes';
  if (content.countries.length === 0) return 'countries';
  return undefined;
}

function checkedReason(reason: string): string {
  return plainTextField(reason, 'input.reason', { min: MIN_REASON_LENGTH, max: MAX_REASON_LENGTH });
}

function agencyOf(actor: Actor): { authorAgencyId?: string } {
  return actor.principal.agencyId ? { authorAgencyId: actor.principal.agencyId } : {};
}
