import { actor, AUTHOR, CURATOR, practiceContent } from '../../../test/domain/practice-factory';
import { canDraft, canReadPublished, canReadUnpublished, type Actor } from './practice-access';
import { decide, newPractice, statusOf, submissionProblem, type Command, type Decision, type Practice } from './practice-workflow';
import { isReviewDue, reReviewQueue, reviewDueAt, reviewDueToAnnounce } from './review-schedule';
import { refused } from '../../../test/domain/refused';


const author = actor(AUTHOR);
const curator = actor(CURATOR);
const otherCurator = actor({ subject: 'attache-2', roles: ['curator'] });
const colleague = actor({ subject: 'prof-durres', roles: ['professional'], agencyId: AUTHOR.agencyId });
const agencyAdmin = actor({ subject: 'admin-tirana', roles: ['agency_admin'], agencyId: AUTHOR.agencyId });
const otherAdmin = actor({ subject: 'admin-skopje', roles: ['agency_admin'], agencyId: '00000000-0000-4000-8000-0000000000b2' });
const partner = actor({ subject: 'unicef', roles: ['partner'], partnerId: 'p1' });
const now = new Date('2026-12-08T10:00:00Z');

// Each command without its version (distributed over the union, so each keeps its own fields).
type Step = Command extends infer C ? (C extends Command ? Omit<C, 'expectedVersion'> : never) : never;
function step(practice: Practice, who: Actor, command: Step, at = now): Decision {
  return decide(practice, who, { ...command, expectedVersion: practice.version } as Command, at);
}
const submit = { type: 'SUBMIT', content: practiceContent() } as const;

function published(): Practice {
  let practice = newPractice('p1', author).practice;
  for (const [who, command] of [
    [author, submit],
    [curator, { type: 'START_REVIEW' }],
    [curator, { type: 'PUBLISH' }],
  ] as const) {
    practice = step(practice, who, command).practice;
  }
  return practice;
}

describe('the workflow, step by step', () => {
  it('goes draft -> submitted -> in review -> changes requested -> submitted -> in review -> published', () => {
    let practice = newPractice('p1', author).practice;
    expect(practice).toMatchObject({ version: 1, latestRevision: 1, authorSubject: 'prof-tirana', authorAgencyId: AUTHOR.agencyId });
    const seen: string[] = [statusOf(practice)];
    const events: string[] = [];
    for (const [who, command] of [
      [author, { type: 'EDIT' }],
      [author, submit],
      [curator, { type: 'START_REVIEW' }],
      [curator, { type: 'COMMENT', section: 'evidence', text: 'Which evaluation is this based on?' }],
      [curator, { type: 'REQUEST_CHANGES' }],
      [author, { type: 'EDIT' }],
      [author, submit],
      [curator, { type: 'START_REVIEW' }],
      [curator, { type: 'PUBLISH' }],
    ] as const) {
      const decision = step(practice, who, command);
      expect(decision.practice.version).toBe(practice.version + 1);
      practice = decision.practice;
      seen.push(statusOf(practice));
      events.push(decision.event.type);
    }
    expect(seen).toEqual(['DRAFT', 'DRAFT', 'SUBMITTED', 'IN_REVIEW', 'IN_REVIEW', 'CHANGES_REQUESTED', 'CHANGES_REQUESTED', 'SUBMITTED', 'IN_REVIEW', 'PUBLISHED']);
    expect(events).toEqual([
      'PracticeEdited', 'PracticeSubmitted', 'PracticeReviewStarted', 'PracticeCommented', 'PracticeChangesRequested',
      'PracticeEdited', 'PracticeSubmitted', 'PracticeReviewStarted', 'PracticePublished',
    ]);
    expect(practice.published).toEqual({ revision: 1, publishedAt: now, reviewDueAt: new Date('2028-12-08T10:00:00Z') });
    expect(practice.working).toBeUndefined();
  });

  it('keeps the published revision live while a new revision is reviewed, then replaces it', () => {
    let practice = published();
    practice = step(practice, author, { type: 'REVISE' }).practice;
    expect(practice.working).toEqual({ revision: 2, stage: 'DRAFT' });
    expect(practice.published?.revision).toBe(1);
    expect(statusOf(practice)).toBe('PUBLISHED');
    practice = step(practice, author, submit).practice;
    practice = step(practice, curator, { type: 'START_REVIEW' }).practice;
    expect(practice.published?.revision).toBe(1);
    const later = new Date('2027-03-01T00:00:00Z');
    const decision = step(practice, curator, { type: 'PUBLISH' }, later);
    expect(decision.event).toEqual({ type: 'PracticePublished', revision: 2, replaces: 1, reviewDueAt: new Date('2029-03-01T00:00:00Z') });
    expect(decision.practice.published).toMatchObject({ revision: 2, publishedAt: later });
  });

  it('lets the author withdraw a revision of a published practice, leaving the published one as it was', () => {
    let practice = step(published(), author, { type: 'REVISE' }).practice;
    const decision = step(practice, author, { type: 'WITHDRAW', reason: 'Superseded by the new law.' });
    practice = decision.practice;
    expect(decision.event).toEqual({ type: 'PracticeRevisionWithdrawn', revision: 2, reason: 'Superseded by the new law.' });
    expect(statusOf(practice)).toBe('PUBLISHED');
    // Revision numbers are never reused: the next one is 3.
    expect(step(practice, author, { type: 'REVISE' }).practice.working?.revision).toBe(3);
  });

  it('archives a withdrawn draft, and a published practice retired or withdrawn by a curator, each with a reason', () => {
    const draft = newPractice('p2', author).practice;
    const withdrawn = step(draft, author, { type: 'WITHDRAW', reason: 'Our office stopped this programme.' });
    expect(withdrawn.practice.archived).toMatchObject({ kind: 'WITHDRAWN', reason: 'Our office stopped this programme.', by: 'prof-tirana' });
    expect(statusOf(withdrawn.practice)).toBe('ARCHIVED');
    const retired = step(published(), curator, { type: 'ARCHIVE', kind: 'RETIRED', reason: 'Replaced by the national protocol of 2027.' });
    expect(retired.event).toEqual({ type: 'PracticeArchived', kind: 'RETIRED', reason: 'Replaced by the national protocol of 2027.' });
    expect(refused(() => step(published(), curator, { type: 'ARCHIVE', kind: 'RETIRED', reason: 'old' })).field).toBe('input.reason');
    expect(refused(() => step(published(), curator, { type: 'ARCHIVE', kind: 'DELETED' as never, reason: 'Replaced by something.' })).field).toBe('input.kind');
    expect(refused(() => step(retired.practice, author, { type: 'REVISE' })).code).toBe('CONFLICT');
    expect(refused(() => step(withdrawn.practice, author, { type: 'EDIT' })).code).toBe('CONFLICT');
  });
});

describe('who may do which step', () => {
  const submitted = () => step(newPractice('p1', author).practice, author, submit).practice;
  const inReview = () => step(submitted(), curator, { type: 'START_REVIEW' }).practice;

  it.each([
    ['a curator edits another’s draft', () => newPractice('p1', author).practice, curator, { type: 'EDIT' }],
    ['a colleague of the same agency edits it', () => newPractice('p1', author).practice, colleague, { type: 'EDIT' }],
    ['an agency admin submits it', () => newPractice('p1', author).practice, agencyAdmin, submit],
    ['someone else withdraws it', () => newPractice('p1', author).practice, colleague, { type: 'WITHDRAW', reason: 'Not ours to keep.' }],
    ['a professional takes it into review', submitted, colleague, { type: 'START_REVIEW' }],
    ['the author takes it into review', submitted, author, { type: 'START_REVIEW' }],
    ['a partner publishes', inReview, partner, { type: 'PUBLISH' }],
    ['the author comments as a reviewer', inReview, author, { type: 'COMMENT', section: 'body', text: 'Fine.' }],
    ['an agency admin requests changes', inReview, agencyAdmin, { type: 'REQUEST_CHANGES' }],
    ['a professional archives', published, colleague, { type: 'ARCHIVE', kind: 'RETIRED', reason: 'I do not like it.' }],
    ['someone else revises a published practice', published, colleague, { type: 'REVISE' }],
  ] as const)('FORBIDDEN: %s', (_, practice, who, command) => {
    const before = practice();
    expect(refused(() => step(before, who, command as Step)).code).toBe('FORBIDDEN');
  });

  it('lets an author who is no longer verified change nothing', () => {
    const suspended = actor(AUTHOR, false);
    const draft = newPractice('p1', author).practice;
    expect(refused(() => step(draft, suspended, { type: 'EDIT' })).code).toBe('FORBIDDEN');
    expect(refused(() => step(draft, suspended, submit)).code).toBe('FORBIDDEN');
    expect(refused(() => step(published(), suspended, { type: 'REVISE' })).code).toBe('FORBIDDEN');
  });

  it('lets no curator review or publish their own practice', () => {
    const own = step(newPractice('p9', curator).practice, curator, submit).practice;
    expect(refused(() => step(own, curator, { type: 'START_REVIEW' })).code).toBe('FORBIDDEN');
    expect(statusOf(step(own, otherCurator, { type: 'START_REVIEW' }).practice)).toBe('IN_REVIEW');
  });

  it('keeps a review to its reviewer unless another curator takes it over', () => {
    const review = inReview();
    expect(refused(() => step(review, otherCurator, { type: 'PUBLISH' })).code).toBe('CONFLICT');
    const takenOver = step(review, otherCurator, { type: 'START_REVIEW' }).practice;
    expect(takenOver.working?.reviewer).toBe('attache-2');
    expect(statusOf(step(takenOver, otherCurator, { type: 'PUBLISH' }).practice)).toBe('PUBLISHED');
  });

  it('refuses a step the state does not allow as a CONFLICT', () => {
    const draft = newPractice('p1', author).practice;
    expect(refused(() => step(draft, curator, { type: 'PUBLISH' })).code).toBe('CONFLICT');
    expect(refused(() => step(draft, author, { type: 'REVISE' })).code).toBe('CONFLICT');
    expect(refused(() => step(submitted(), author, { type: 'EDIT' })).code).toBe('CONFLICT');
    expect(refused(() => step(inReview(), author, submit)).code).toBe('CONFLICT');
    expect(refused(() => step(published(), author, { type: 'EDIT' })).code).toBe('CONFLICT');
    const revising = step(published(), author, { type: 'REVISE' }).practice;
    expect(refused(() => step(revising, author, { type: 'REVISE' })).code).toBe('CONFLICT');
    expect(refused(() => step(draft, curator, { type: 'ARCHIVE', kind: 'RETIRED', reason: 'Never published anyway.' })).code).toBe('CONFLICT');
  });

  it('refuses a stale expectedVersion as a CONFLICT naming the field, changing nothing', () => {
    const draft = newPractice('p1', author).practice;
    const copy = structuredClone(draft);
    const error = refused(() => decide(draft, author, { type: 'EDIT', expectedVersion: 0 }, now));
    expect(error).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
    expect(draft).toEqual(copy);
  });

  it('checks the input of a step: a comment’s section and text, a submission’s completeness, a withdrawal’s reason', () => {
    expect(refused(() => step(inReview(), curator, { type: 'COMMENT', section: 'colour', text: 'x' })).field).toBe('input.section');
    expect(refused(() => step(inReview(), curator, { type: 'COMMENT', section: 'body', text: '' })).field).toBe('input.text');
    const draft = newPractice('p1', author).practice;
    expect(refused(() => step(draft, author, { type: 'SUBMIT', content: practiceContent({ themes: [] }) })).field).toBe('input.themes');
    expect(refused(() => step(draft, author, { type: 'WITHDRAW', reason: '' })).field).toBe('input.reason');
    expect(submissionProblem(practiceContent({ body: '  \n' }))).toBe('body');
    expect(submissionProblem(practiceContent({ countries: [] }))).toBe('countries');
    expect(submissionProblem(practiceContent())).toBeUndefined();
  });

  it('lets only verified professionals and curators draft', () => {
    expect(canDraft(author)).toBe(true);
    expect(canDraft(curator)).toBe(true);
    expect(canDraft(actor(AUTHOR, false))).toBe(false);
    expect(canDraft(partner)).toBe(false);
    expect(refused(() => newPractice('p1', actor(AUTHOR, false))).code).toBe('FORBIDDEN');
  });
});

describe('who may read', () => {
  const practice = { authorSubject: AUTHOR.subject, authorAgencyId: AUTHOR.agencyId };

  it('shows a published practice to verified professionals, partners, curators and admins', () => {
    for (const who of [author, colleague, curator, partner, agencyAdmin, actor({ subject: 'pa', roles: ['platform_admin'] })]) expect(canReadPublished(who)).toBe(true);
    expect(canReadPublished(actor(AUTHOR, false))).toBe(false);
    expect(canReadPublished(actor({ subject: 'aud', roles: ['auditor'] }))).toBe(false);
  });

  it('shows a draft to its author, the admins of the author’s agency and curators only', () => {
    expect(canReadUnpublished(author, practice)).toBe(true);
    expect(canReadUnpublished(actor(AUTHOR, false), practice)).toBe(true);
    expect(canReadUnpublished(agencyAdmin, practice)).toBe(true);
    expect(canReadUnpublished(curator, practice)).toBe(true);
    expect(canReadUnpublished(colleague, practice)).toBe(false);
    expect(canReadUnpublished(otherAdmin, practice)).toBe(false);
    expect(canReadUnpublished(partner, practice)).toBe(false);
    expect(canReadUnpublished(agencyAdmin, { authorSubject: AUTHOR.subject })).toBe(false);
  });
});

describe('re-review', () => {
  it('is due 24 calendar months after publication, the last day of a shorter month', () => {
    expect(reviewDueAt(new Date('2026-01-31T08:00:00Z'))).toEqual(new Date('2028-01-31T08:00:00Z'));
    expect(reviewDueAt(new Date('2028-02-29T08:00:00Z'))).toEqual(new Date('2030-02-28T08:00:00Z'));
    expect(reviewDueAt(new Date('2026-12-31T23:59:59Z'))).toEqual(new Date('2028-12-31T23:59:59Z'));
    expect(reviewDueAt(new Date('2026-08-31T00:00:00Z'), 6)).toEqual(new Date('2027-02-28T00:00:00Z'));
  });

  it('is announced once per due date, and a confirmed re-review sets the next one', () => {
    let practice = published();
    const due = practice.published!.reviewDueAt;
    const dayBefore = new Date(due.getTime() - 86_400_000);
    expect(isReviewDue(practice.published!, dayBefore)).toBe(false);
    expect(refused(() => step(practice, curator, { type: 'ANNOUNCE_REVIEW_DUE' }, dayBefore)).code).toBe('CONFLICT');
    expect(reviewDueToAnnounce(practice.published!, due)).toBe(true);
    const announced = step(practice, curator, { type: 'ANNOUNCE_REVIEW_DUE' }, due);
    expect(announced.event).toEqual({ type: 'PracticeReviewDue', revision: 1, reviewDueAt: due });
    practice = announced.practice;
    expect(reviewDueToAnnounce(practice.published!, due)).toBe(false);
    expect(refused(() => step(practice, curator, { type: 'ANNOUNCE_REVIEW_DUE' }, due)).code).toBe('CONFLICT');
    const confirmedAt = new Date(due.getTime() + 3 * 86_400_000);
    practice = step(practice, curator, { type: 'CONFIRM_REVIEW' }, confirmedAt).practice;
    expect(practice.published?.reviewDueAt).toEqual(reviewDueAt(confirmedAt));
    expect(reviewDueToAnnounce(practice.published!, confirmedAt)).toBe(false);
    expect(refused(() => step(practice, author, { type: 'CONFIRM_REVIEW' })).code).toBe('FORBIDDEN');
  });

  it('queues the due practices for curators, longest overdue first', () => {
    const at = (id: string, due: string) => ({ id, reviewDueAt: new Date(due) });
    const queue = reReviewQueue([at('c', '2026-01-01'), at('a', '2027-01-01'), at('b', '2025-06-01'), at('d', '2026-01-01')], now);
    expect(queue.map((practice) => practice.id)).toEqual(['b', 'c', 'd']);
  });
});
