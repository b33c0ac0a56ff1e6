import {
  childRecordViolation,
  isCalendarDate,
  latestToday,
  postAlertFieldViolation,
  postAlertViolation,
  reportedTimeViolation,
  type PostAlertFacts,
} from './alert-rules';
import { LANGUAGE_TAG, LANGUAGE_TAG_ANY_SCRIPT_CASE } from './field-limits';
import { postAlertContext, revealIdentityContext, webhookSecretContext } from './sealing-contexts';

const NOW = new Date('2026-05-31T12:00:00Z');
const LIMITS = { now: NOW, maxPhotoBytes: 2_000_000 };

function aPost(overrides: Partial<PostAlertFacts> = {}, child: Partial<PostAlertFacts['child']> = {}): PostAlertFacts {
  return {
    idempotencyKey: 'post-2026-05-31-0001',
    urgency: 'CRITICAL',
    originCountry: 'RS',
    targetCountries: ['HR', 'XK'],
    targetAgencyTypes: [],
    title: 'Djevojčica nestala na autobusnoj stanici',
    summary: '',
    ...overrides,
    child: {
      givenNames: ['Јована'],
      familyNames: ['Petrović'],
      aliases: [],
      sex: 'FEMALE',
      estimatedAge: { minYears: 12, maxYears: 14 },
      nationalities: ['RS'],
      languages: ['sr-Cyrl'],
      distinguishingFeatures: '',
      lastKnownPlace: '',
      photoBytes: 0,
      photoContentType: '',
      ...child,
    },
  };
}

describe('the rules of a post (one rule set, for the gateway and the alerts service)', () => {
  it('takes a valid post', () => {
    expect(postAlertViolation(aPost(), LIMITS)).toBeUndefined();
    expect(postAlertViolation(aPost({}, { estimatedAge: undefined, dateOfBirth: '2014-05-31', lastKnownAt: new Date('2026-05-30T00:00:00Z') }), LIMITS)).toBeUndefined();
  });

  it.each<[string, Partial<PostAlertFacts>, Partial<PostAlertFacts['child']>, string, string]>([
    ['no target country', { targetCountries: [] }, {}, 'input.targetCountries', 'input.targetCountries: must name at least one country to alert'],
    ['a target that is not a code', { targetCountries: ['QQQ'] }, {}, 'input.targetCountries', 'input.targetCountries: must be ISO 3166-1 alpha-2 codes such as FR'],
    ['11 agency types', { targetAgencyTypes: Array.from({ length: 11 }, () => 'POLICE') }, {}, 'input.targetAgencyTypes', 'input.targetAgencyTypes: must contain no more than 10 elements'],
    ['an unknown urgency', { urgency: 'SOON' }, {}, 'input.urgency', 'input.urgency: must be one of CRITICAL, HIGH, NORMAL'],
    ['a blank title', { title: '   ' }, {}, 'input.title', 'input.title: must not be blank'],
    ['a summary over 10,000 characters', { summary: 'x'.repeat(10_001) }, {}, 'input.summary', 'input.summary: must be shorter than or equal to 10000 characters'],
    ['no given name nor alias', {}, { givenNames: [], aliases: [] }, 'input.child.givenNames', 'input.child.givenNames: must have at least one given name when aliases is empty'],
    ['six nationalities', {}, { nationalities: ['RS', 'HR', 'BA', 'ME', 'MK', 'AL'] }, 'input.child.nationalities', 'input.child.nationalities: must contain no more than 5 elements'],
    ['an age of 19', {}, { estimatedAge: { minYears: 12, maxYears: 19 } }, 'input.child.estimatedAge.maxYears', 'input.child.estimatedAge.maxYears: must not be greater than 17'],
    ['an upside-down age range', {}, { estimatedAge: { minYears: 14, maxYears: 12 } }, 'input.child.estimatedAge', 'input.child.estimatedAge: minYears must not exceed maxYears.'],
    ['a birth date that does not exist', {}, { estimatedAge: undefined, dateOfBirth: '2014-02-30' }, 'input.child.dateOfBirth', 'input.child.dateOfBirth is not a real date.'],
    ['a birth date in the future', {}, { estimatedAge: undefined, dateOfBirth: '2026-06-30' }, 'input.child.dateOfBirth', 'input.child.dateOfBirth is in the future.'],
    ['the birth date of an adult', {}, { estimatedAge: undefined, dateOfBirth: '2008-05-31' }, 'input.child.dateOfBirth', 'input.child.dateOfBirth: CPX alerts are about children (under 18).'],
    ['neither a birth date nor an age', {}, { estimatedAge: undefined }, 'input.child.estimatedAge', 'Give the child’s date of birth or an estimated age range.'],
    ['a last-known time tomorrow', {}, { lastKnownAt: new Date('2026-06-01T12:00:00Z') }, 'input.child.lastKnownAt', 'input.child.lastKnownAt is in the future.'],
    ['a photo over the limit', {}, { photoBytes: 2_000_001, photoContentType: 'image/png' }, 'input.child.photo', 'input.child.photo is larger than 2000000 bytes.'],
    ['a GIF', {}, { photoBytes: 3, photoContentType: 'image/gif' }, 'input.child.photoContentType', 'input.child.photoContentType must be one of image/jpeg, image/png, image/webp.'],
  ])('refuses %s, naming the field', (_case, post, child, field, message) => {
    expect(postAlertViolation(aPost(post, child), LIMITS)).toEqual({ field, message });
  });

  it('checks every field before the rules across the child’s fields, as the service does around its name check', () => {
    const post = aPost({ title: '' }, { estimatedAge: undefined });
    expect(postAlertFieldViolation(post)?.field).toBe('input.title');
    expect(childRecordViolation(post.child, LIMITS)?.field).toBe('input.child.estimatedAge');
    expect(postAlertViolation(post, LIMITS)?.field).toBe('input.title');
  });

  it('never echoes a value', () => {
    const violation = postAlertViolation(aPost({}, { familyNames: ['Petrović'.repeat(30)] }), LIMITS);
    expect(violation?.field).toBe('input.child.familyNames');
    expect(violation?.message).not.toContain('Petrović');
  });
});

describe('reported times and dates', () => {
  const bounds = { now: NOW, earliest: new Date('2014-05-31T00:00:00Z'), earliestIs: 'the child’s date of birth' };

  it('takes a time a few minutes ahead (clocks differ), not an hour', () => {
    expect(reportedTimeViolation(new Date(NOW.getTime() + 60_000), 'at', bounds)).toBeUndefined();
    expect(reportedTimeViolation(new Date(NOW.getTime() + 3_600_000), 'at', bounds)).toEqual({ field: 'at', message: 'at is in the future.' });
    expect(reportedTimeViolation(new Date(Number.NaN), 'at', bounds)).toEqual({ field: 'at', message: 'at is not a valid time.' });
  });

  it('knows calendar dates, and today where it is latest', () => {
    expect([isCalendarDate('2024-02-29'), isCalendarDate('2023-02-29'), isCalendarDate('31.05.2012')]).toEqual([true, false, false]);
    expect(latestToday(Date.parse('2026-05-31T10:00:00Z'))).toBe('2026-06-01');
  });
});

describe('field shapes', () => {
  it('stores language tags canonical, and takes a script in any case at the gateway', () => {
    expect(['sq', 'sr-Latn', 'cnr', 'rom', 'fr-FR'].every((tag) => LANGUAGE_TAG.test(tag))).toBe(true);
    expect(LANGUAGE_TAG.test('sr-latn')).toBe(false);
    expect(LANGUAGE_TAG_ANY_SCRIPT_CASE.test('sr-latn')).toBe(true);
  });
});

describe('sealing contexts (the HPKE info both sides seal and open with: a wire contract)', () => {
  it('names the operation and what the payload is for', () => {
    expect(postAlertContext('post-0001')).toBe('cpx.alerts.v1.PostAlert|post-0001');
    expect(revealIdentityContext('a1')).toBe('cpx.alerts.v1.RevealAlertIdentity|a1');
    expect(webhookSecretContext({ name: 'cpx.feeds.v1.CreateSubscription' }, 's1')).toBe('cpx.feeds.v1.CreateSubscription|s1');
  });
});
