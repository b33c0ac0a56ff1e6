import { AlertKind } from '@cpx/contracts';
import { epicLevel, evidenceRating, checkedEvidence, GRADES, type EpicCriteria, type Grade } from './evidence';
import { checkedImplementation, legalPrerequisiteFor } from './implementation';
import { ALERT_KINDS, checkedPracticeContent, type PracticeContent } from './practice-content';
import { AUTHOR, CURATOR, practiceContent } from '../../../test/domain/practice-factory';
import { refused } from '../../../test/domain/refused';


const check = (overrides: Partial<PracticeContent>, by = AUTHOR) => checkedPracticeContent(practiceContent(overrides), { curatedThemes: [], by });

describe('the EPIC evidence level', () => {
  // EPIC, as written: emergent = effectiveness at least +; promising = that and + in at least one
  // of transferability and enduring impact; best = + in all three. Every one of the 27 combinations:
  const expected = (effectiveness: Grade, transferability: Grade, enduringImpact: Grade) => {
    if (effectiveness === 'NONE') return undefined;
    const others = [transferability, enduringImpact].filter((grade) => grade !== 'NONE').length;
    return (['EMERGENT', 'PROMISING', 'BEST'] as const)[others];
  };
  const all: EpicCriteria[] = GRADES.flatMap((effectiveness) =>
    GRADES.flatMap((transferability) => GRADES.map((enduringImpact) => ({ effectiveness, transferability, enduringImpact }))),
  );

  it.each(all)('%o', (criteria) => {
    expect(epicLevel(criteria)).toBe(expected(criteria.effectiveness, criteria.transferability, criteria.enduringImpact));
  });

  it('reads the examples EPIC gives', () => {
    expect(epicLevel({ effectiveness: 'PLUS', transferability: 'NONE', enduringImpact: 'NONE' })).toBe('EMERGENT');
    expect(epicLevel({ effectiveness: 'PLUS_PLUS', transferability: 'NONE', enduringImpact: 'NONE' })).toBe('EMERGENT');
    expect(epicLevel({ effectiveness: 'PLUS', transferability: 'NONE', enduringImpact: 'PLUS_PLUS' })).toBe('PROMISING');
    expect(epicLevel({ effectiveness: 'PLUS', transferability: 'PLUS', enduringImpact: 'PLUS' })).toBe('BEST');
    expect(epicLevel({ effectiveness: 'NONE', transferability: 'PLUS_PLUS', enduringImpact: 'PLUS_PLUS' })).toBeUndefined();
  });

  it('gives the rating a reader sees', () => {
    expect(evidenceRating({ kind: 'RATED', criteria: { effectiveness: 'PLUS_PLUS', transferability: 'PLUS', enduringImpact: 'NONE' }, sources: ['x'] })).toBe('PROMISING');
    expect(evidenceRating({ kind: 'DOCUMENTED_NOT_EVALUATED' })).toBe('DOCUMENTED_NOT_EVALUATED');
    expect(evidenceRating({ kind: 'CONCERNING', reason: 'x' })).toBe('CONCERNING');
  });
});

describe('the evidence a practice states', () => {
  const rated = (effectiveness: Grade, sources = ['Evaluation report, University of Bucharest, 2024']) =>
    ({ kind: 'RATED', criteria: { effectiveness, transferability: 'PLUS', enduringImpact: 'NONE' }, sources }) as const;

  it('takes a rating with its sources', () => {
    expect(checkedEvidence(rated('PLUS', [' https://example.org/evaluation.pdf ']), AUTHOR)).toEqual(rated('PLUS', ['https://example.org/evaluation.pdf']));
  });

  it('refuses a rating without effectiveness, without sources, with an unsafe source link or an unknown grade', () => {
    expect(refused(() => checkedEvidence(rated('NONE'), AUTHOR)).field).toBe('input.evidence.criteria.effectiveness');
    expect(refused(() => checkedEvidence(rated('PLUS', []), AUTHOR)).field).toBe('input.evidence.sources');
    expect(refused(() => checkedEvidence(rated('PLUS', ['javascript:alert(1)']), AUTHOR)).field).toBe('input.evidence.sources.0');
    expect(refused(() => checkedEvidence(rated('GOOD' as Grade), AUTHOR)).field).toBe('input.evidence.criteria.effectiveness');
  });

  it('lets only a curator mark a practice concerning, and only with a reason', () => {
    const concerning = { kind: 'CONCERNING', reason: 'The follow-up study found children re-trafficked more often.' } as const;
    expect(checkedEvidence(concerning, CURATOR)).toEqual(concerning);
    expect(refused(() => checkedEvidence(concerning, AUTHOR)).code).toBe('FORBIDDEN');
    expect(refused(() => checkedEvidence({ kind: 'CONCERNING', reason: '   ' }, CURATOR))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.evidence.reason' });
    expect(refused(() => checkedEvidence({ kind: 'CONCERNING', reason: 'bad' }, CURATOR)).field).toBe('input.evidence.reason');
  });
});

describe('the implementation block', () => {
  const block = practiceContent().implementation;

  it('keeps what it says, and tells what the law needs in a country', () => {
    expect(checkedImplementation(block)).toEqual(block);
    expect(legalPrerequisiteFor(block, 'AL')).toContain('art. 38');
    expect(legalPrerequisiteFor(block, 'MK')).toBeUndefined();
  });

  it.each([
    [{ costBand: 'CHEAP' as never }, 'input.implementation.costBand'],
    [{ trainingNeeded: false }, 'input.implementation.training'],
    [{ staff: [{ role: 'Psychologist', count: 0, qualifications: 'x' }] }, 'input.implementation.staff.0.count'],
    [{ staff: [{ role: 'Psychologist', count: 1.5, qualifications: 'x' }] }, 'input.implementation.staff.0.count'],
    [{ staff: [{ role: 'Psy\nchologist', qualifications: 'x' }] }, 'input.implementation.staff.0.role'],
    [{ staff: [{ role: 'Psychologist', qualifications: '' }] }, 'input.implementation.staff.0.qualifications'],
    [{ duration: { kind: 'FIXED', value: 0, unit: 'WEEKS' } as const }, 'input.implementation.duration.value'],
    [{ duration: { kind: 'FIXED', value: 6, unit: 'FORTNIGHTS' } as never }, 'input.implementation.duration.unit'],
    [{ legalPrerequisites: [{ country: 'Albania', text: 'x' }] }, 'input.implementation.legalPrerequisites.0.country'],
    [{ legalPrerequisites: [{ country: 'AL', text: 'x' }, { country: 'AL', text: 'y' }] }, 'input.implementation.legalPrerequisites.1.country'],
    [{ legalPrerequisites: [{ country: 'AL', text: 'x'.repeat(2001) }] }, 'input.implementation.legalPrerequisites.0.text'],
  ] as ReadonlyArray<[Partial<typeof block>, string]>)('refuses %o naming %s', (change, field) => {
    expect(refused(() => checkedImplementation({ ...block, ...change }))).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('a practice’s content', () => {
  it('is stored NFC and trimmed, with ids lower-cased', () => {
    const contact = '0000000A-0000-4000-8000-000000000001';
    const stored = check({ title: '  Programul școlar  '.normalize('NFD'), contacts: [contact] });
    expect(stored.title).toBe('Programul școlar');
    expect(stored.contacts).toEqual([contact.toLowerCase()]);
  });

  it('names the alert kinds as the directory’s proto does', () => {
    const proto = Object.keys(AlertKind).filter((key) => Number.isNaN(Number(key)) && key !== 'UNSPECIFIED');
    expect([...ALERT_KINDS].sort()).toEqual(proto.sort());
  });

  it.each([
    [{ language: 'de' as never }, 'input.language'],
    [{ title: 'ab' }, 'input.title'],
    [{ title: 'x'.repeat(201) }, 'input.title'],
    [{ title: 'Two\nlines' }, 'input.title'],
    [{ title: 'Mar\u200Bko' }, 'input.title'],
    [{ summary: '' }, 'input.summary'],
    [{ body: 'x'.repeat(10 * 1024 * 1024) }, 'input.body'],
    [{ body: '<script>alert(1)</script>' }, 'input.body'],
    [{ themes: ['ASTROLOGY'] }, 'input.themes.0'],
    [{ themes: Array(11).fill('CHILD_MARRIAGE') }, 'input.themes'],
    [{ targetGroups: ['GIRLS', 'ADULTS' as never] }, 'input.targetGroups.1'],
    [{ countries: ['AL', 'al'] }, 'input.countries.1'],
    [{ countries: ['AL', 'AL'] }, 'input.countries.1'],
    [{ alertKinds: ['MISSING_CHILD', 'ALERT_KIND_MISSING_CHILD' as never] }, 'input.alertKinds.1'],
    [{ organisations: [{ agencyId: 'agency-1' }] }, 'input.organisations.0.agencyId'],
    [{ organisations: [{ name: ' ' }] }, 'input.organisations.0.name'],
    [{ contacts: ['not-an-id'] }, 'input.contacts.0'],
    [{ links: [{ url: 'javascript:alert(1)', label: 'x' }] }, 'input.links.0.url'],
    [{ links: [{ url: '/relative', label: 'x' }] }, 'input.links.0.url'],
    [{ links: [{ url: 'https://example.org/a b', label: 'x' }] }, 'input.links.0.url'],
    [{ links: [{ url: 'https://example.org', label: '' }] }, 'input.links.0.label'],
    [{ attachments: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001'] }, 'input.attachments.1'],
  ] as ReadonlyArray<[Partial<PracticeContent>, string]>)('refuses %o naming %s', (change, field) => {
    expect(refused(() => check(change))).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('knows curated themes, and a concerning mark only from a curator', () => {
    expect(checkedPracticeContent(practiceContent({ themes: ['SPORT'] }), { curatedThemes: [{ code: 'SPORT', labels: { en: 'Sport' } }], by: AUTHOR }).themes).toEqual(['SPORT']);
    const concerning = { evidence: { kind: 'CONCERNING', reason: 'Children were returned without a risk assessment.' } as const };
    expect(refused(() => check(concerning)).code).toBe('FORBIDDEN');
    expect(check(concerning, CURATOR).evidence.kind).toBe('CONCERNING');
  });

  it('keeps a curator’s concerning mark through an author’s revision: only a curator lifts or rewords it', () => {
    const marked = practiceContent({ evidence: { kind: 'CONCERNING', reason: 'Children were returned without a risk assessment.' } });
    const revise = (evidence: PracticeContent['evidence'], by = AUTHOR) =>
      checkedPracticeContent(practiceContent({ evidence, summary: 'Revised.' }), { curatedThemes: [], by, previous: marked });
    expect(revise(marked.evidence).evidence).toEqual(marked.evidence);
    expect(refused(() => revise({ kind: 'DOCUMENTED_NOT_EVALUATED' })).code).toBe('FORBIDDEN');
    expect(refused(() => revise({ kind: 'CONCERNING', reason: 'Only a small concern about the follow-up.' })).code).toBe('FORBIDDEN');
    expect(revise({ kind: 'DOCUMENTED_NOT_EVALUATED' }, CURATOR).evidence.kind).toBe('DOCUMENTED_NOT_EVALUATED');
  });
});
