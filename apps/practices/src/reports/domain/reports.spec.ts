import { actor, AUTHOR, CURATOR } from '../../../test/domain/practice-factory';
import type { Practice } from '../../workflow/domain/practice-workflow';
import { checkedReport, hiddenReport, type PractitionerReport, type ReportInput } from './practitioner-report';
import { reportSummary } from './report-summary';
import { refused } from '../../../test/domain/refused';


const socialWorker = actor({ subject: 'sw-skopje', roles: ['professional'], country: 'MK' });
const now = new Date('2026-12-08T10:00:00Z');
const at = new Date('2025-01-01T00:00:00Z');
const practice: Practice = { id: 'p1', authorSubject: AUTHOR.subject, version: 3, latestRevision: 2, published: { revision: 2, publishedAt: at, reviewDueAt: at } };
const input = (overrides: Partial<ReportInput> = {}): ReportInput => ({
  country: 'MK',
  place: 'Skopje, Šuto Orizari',
  from: '2025-09',
  to: '2026-06',
  outcome: 'WORKED_PARTLY',
  account: 'Ran it in two schools with 2025-2026 pupils; the teachers needed a second training day. Classes of 25 in the 2025/26 year.',
  confirmsNoChildIdentified: true,
  ...overrides,
});

describe('a practitioner’s report', () => {
  it('is stored with the revision it is about and its reporter', () => {
    const report = checkedReport(practice, input({ adaptations: '  Translated the manual into Romani.  ' }), socialWorker, now);
    expect(report).toMatchObject({ revision: 2, reporter: 'sw-skopje', outcome: 'WORKED_PARTLY', adaptations: 'Translated the manual into Romani.' });
    expect(report).not.toHaveProperty('confirmsNoChildIdentified');
  });

  it.each([
    [{ account: 'Write to the mother at family@example.org for details.' }, 'input.account'],
    [{ account: 'Her phone: +389 70 123 456.' }, 'input.account'],
    [{ account: 'JMBG 0101010450011 on file.' }, 'input.account'],
    [{ account: 'Case 2024/00017/CP was closed.' }, 'input.account'],
    [{ account: 'Born 12.03.2015 in Kumanovo.' }, 'input.account'],
    [{ account: 'Born 2015-03-12 in Kumanovo.' }, 'input.account'],
    [{ account: 'See https://example.org/case' }, 'input.account'],
    [{ account: 'M\u200Barko did well.' }, 'input.account'],
    [{ account: 'x'.repeat(1001) }, 'input.account'],
    [{ account: '' }, 'input.account'],
    [{ place: 'Skopje\nstreet 5' }, 'input.place'],
    [{ place: 'x'.repeat(101) }, 'input.place'],
    [{ adaptations: 'Called 070123456 each week.' }, 'input.adaptations'],
    [{ country: 'Macedonia' }, 'input.country'],
    [{ outcome: 'GREAT' as never }, 'input.outcome'],
    [{ from: '2025-13' }, 'input.from'],
    [{ from: '2025-09-01' }, 'input.from'],
    [{ from: '1999-12' }, 'input.from'],
    [{ to: '2027-01' }, 'input.to'],
    [{ from: '2026-06', to: '2025-09' }, 'input.to'],
    [{ confirmsNoChildIdentified: false }, 'input.confirmsNoChildIdentified'],
  ] as ReadonlyArray<[Partial<ReportInput>, string]>)('refuses %o naming %s', (overrides, field) => {
    expect(refused(() => checkedReport(practice, input(overrides), socialWorker, now))).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('takes reports from verified professionals other than the author, on published practices only', () => {
    expect(refused(() => checkedReport(practice, input(), actor(socialWorker.principal, false), now)).code).toBe('FORBIDDEN');
    expect(refused(() => checkedReport(practice, input(), actor({ subject: 'unicef', roles: ['partner'] }), now)).code).toBe('FORBIDDEN');
    expect(refused(() => checkedReport(practice, input(), actor(AUTHOR), now)).code).toBe('FORBIDDEN');
    const draft: Practice = { ...practice, published: undefined, working: { revision: 1, stage: 'DRAFT' } };
    expect(refused(() => checkedReport(draft, input(), socialWorker, now)).code).toBe('CONFLICT');
  });

  it('is hidden by a curator only, with a reason, and then not counted', () => {
    const report = checkedReport(practice, input(), socialWorker, now);
    expect(refused(() => hiddenReport(report, 'Names a family in the account.', socialWorker)).code).toBe('FORBIDDEN');
    expect(refused(() => hiddenReport(report, 'no', actor(CURATOR))).field).toBe('input.reason');
    const hidden = hiddenReport(report, 'Names a family in the account.', actor(CURATOR));
    expect(hidden.hidden).toEqual({ reason: 'Names a family in the account.', by: 'attache' });
    expect(refused(() => hiddenReport(hidden, 'Again, for the same reason.', actor(CURATOR))).code).toBe('CONFLICT');
    expect(reportSummary([hidden]).total).toBe(0);
  });
});

describe('the reports shown with a practice', () => {
  it('counts visible reports by outcome and by country, most reported first', () => {
    const report = (country: string, outcome: PractitionerReport['outcome'], hidden = false): PractitionerReport => ({
      ...input({ country, outcome }),
      revision: 1,
      reporter: 'r',
      ...(hidden ? { hidden: { reason: 'x', by: 'c' } } : {}),
    });
    const summary = reportSummary([report('RS', 'WORKED_WELL'), report('AL', 'WORKED_WELL'), report('RS', 'DID_NOT_WORK'), report('MK', 'WORKED_WELL', true)]);
    expect(summary).toEqual({
      total: 3,
      byOutcome: { WORKED_WELL: 2, WORKED_PARTLY: 0, DID_NOT_WORK: 1, TOO_EARLY_TO_SAY: 0 },
      countries: [{ country: 'RS', count: 2 }, { country: 'AL', count: 1 }],
    });
    expect(reportSummary([]).total).toBe(0);
  });
});
