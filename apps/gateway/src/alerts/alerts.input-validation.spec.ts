import { AlertsRequests, ChildIdentitySchema } from '@cpx/contracts';
import { nameGuardTables } from '@cpx/names';
import { revealIdentityContext } from '@cpx/platform';
import { FakeRequests } from '../../test/fake-requests';
import { startTestGateway, testServices, type TestGateway } from '../../test/test-gateway';
import { aChild, ALERT_ID, anAlert, anUpdate, aPostAlertInput } from './testing/alert-factories';
import { latestToday, MAX_PHOTO_BYTES } from './alert-rules';

const POST = `mutation Post($input: PostAlertInput!) { postAlert(input: $input) { replayed alert { id } } }`;

function isoDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

describe('alerts input validation at the edge', () => {
  let gateway: TestGateway;
  const requests = new FakeRequests()
    .on(AlertsRequests.postAlert, () => ({ alert: anAlert(), replayed: false }))
    .on(AlertsRequests.addAlertUpdate, () => ({ update: anUpdate() }))
    .on(AlertsRequests.revealAlertIdentity, async ({ id }) => ({ sealedChild: await testServices.sealToGateway(ChildIdentitySchema, aChild(), revealIdentityContext(id ?? "")) }))
    .on(AlertsRequests.cancelAlert, () => ({ alert: anAlert() }))
    .on(AlertsRequests.resolveAlert, () => ({ alert: anAlert() }));

  beforeAll(async () => {
    gateway = await startTestGateway({ requests, env: { RATE_LIMIT_USER_BURST: '100000', RATE_LIMIT_ADDRESS_BURST: '100000' } });
  });
  afterAll(() => gateway.close());
  beforeEach(() => {
    requests.calls.length = 0;
  });

  async function post(input: Record<string, unknown>, child?: Record<string, unknown>) {
    const valid = aPostAlertInput();
    const variables = { input: { ...valid, ...input, ...(child ? { child: { ...(valid['child'] as object), ...child } } : {}) } };
    return (await gateway.graphql(POST, { variables })).body;
  }

  it('lets a valid post through', async () => {
    const body = await post({});
    expect(body).toEqual({ data: { postAlert: { replayed: false, alert: { id: ALERT_ID } } } });
    expect(requests.calls).toHaveLength(1);
  });

  // The contracts' one rule set for posts, the code the alerts service checks them with again:
  // refused here with the service's words, and never sent.
  it.each([
    ['a child with neither given names nor aliases', { givenNames: [], aliases: [] }, 'input.child.givenNames', 'input.child.givenNames: must have at least one given name when aliases is empty'],
    ['six nationalities', { nationalities: ['RS', 'HR', 'BA', 'ME', 'MK', 'AL'] }, 'input.child.nationalities', 'input.child.nationalities: must contain no more than 5 elements'],
    ['a script subtag in lower case', { languages: ['sr-latn'] }, 'input.child.languages', 'input.child.languages: must be BCP 47 tags such as rom'],
    ['a birth date of an adult', { estimatedAge: null, dateOfBirth: '2001-01-01' }, 'input.child.dateOfBirth', 'input.child.dateOfBirth: CPX alerts are about children (under 18).'],
    ['neither a birth date nor an age', { estimatedAge: null }, 'input.child.estimatedAge', 'Give the child’s date of birth or an estimated age range.'],
    [
      'a last-known time before the birth',
      { estimatedAge: null, dateOfBirth: '2014-05-31', lastKnownAt: '2014-05-29T00:00:00Z' },
      'input.child.lastKnownAt',
      'input.child.lastKnownAt is before the child’s date of birth.',
    ],
  ])('refuses %s as the alerts service would, without calling it', async (_case, child, field, message) => {
    const body = await post({}, child);
    expect(body.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field } });
    expect(requests.calls).toHaveLength(0);
  });

  it('rejects a 1 MB summary as BAD_USER_INPUT naming input.summary, without echoing it or calling the service', async () => {
    const body = await post({ summary: 'ж'.repeat(1_000_000) });
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({ message: 'input.summary must be at most 10000 characters', extensions: { code: 'BAD_USER_INPUT', field: 'input.summary' } });
    expect(JSON.stringify(body).length).toBeLessThan(1_000);
    expect(requests.calls).toHaveLength(0);
  });

  it.each([
    ['a key of 5 characters', 'input.idempotencyKey', { idempotencyKey: 'short' }],
    ['a key of 129 characters', 'input.idempotencyKey', { idempotencyKey: 'k'.repeat(129) }],
    ['a key with a space', 'input.idempotencyKey', { idempotencyKey: 'has space!' }],
    ['no target country', 'input.targetCountries', { targetCountries: [] }],
    ['only the origin as target', 'input.targetCountries', { targetCountries: ['RS'] }],
    ['the origin twice', 'input.targetCountries', { targetCountries: ['RS', 'RS'] }],
    ['a lower-case country', 'input.targetCountries', { targetCountries: ['hr'] }],
    ['an alpha-3 country', 'input.targetCountries', { targetCountries: ['HRV'] }],
    ['21 target countries', 'input.targetCountries', { targetCountries: Array.from({ length: 21 }, (_, index) => `A${String.fromCharCode(65 + index)}`) }],
    ['an origin that is not a code', 'input.originCountry', { originCountry: 'Serbia' }],
    ['an empty title', 'input.title', { title: '' }],
    ['a blank title', 'input.title', { title: '   ' }],
    ['a title of 201 characters', 'input.title', { title: 't'.repeat(201) }],
  ])('rejects %s naming %s', async (_case, field, input) => {
    const body = await post(input);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(requests.calls).toHaveLength(0);
  });

  it('accepts the origin among other targets, and 20 distinct targets', async () => {
    expect((await post({ targetCountries: ['RS', 'HR'] })).errors).toBeUndefined();
    const twenty = Array.from({ length: 20 }, (_, index) => `A${String.fromCharCode(65 + index)}`);
    expect((await post({ targetCountries: twenty })).errors).toBeUndefined();
  });

  it.each([
    ['an empty given name', 'input.child.givenNames', { givenNames: [''] }],
    ['a family name of 201 characters', 'input.child.familyNames', { familyNames: ['x'.repeat(201)] }],
    ['21 aliases', 'input.child.aliases', { aliases: Array.from({ length: 21 }, () => 'Joka') }],
    ['a birth date not written YYYY-MM-DD', 'input.child.dateOfBirth', { dateOfBirth: '31.05.2012' }],
    ['a birth date that does not exist', 'input.child.dateOfBirth', { dateOfBirth: '2012-02-30' }],
    ['a birth date in the future', 'input.child.dateOfBirth', { dateOfBirth: isoDate(3) }],
    ['an age below 0', 'input.child.estimatedAge.minYears', { estimatedAge: { minYears: -1, maxYears: 3 } }],
    ['an age above 17', 'input.child.estimatedAge.maxYears', { estimatedAge: { minYears: 12, maxYears: 18 } }],
    ['an age range upside down', 'input.child.estimatedAge.maxYears', { estimatedAge: { minYears: 14, maxYears: 12 } }],
    ['a nationality that is not a code', 'input.child.nationalities', { nationalities: ['Serbian'] }],
    ['a language that is not a tag', 'input.child.languages', { languages: ['Romani'] }],
    ['a photo that is not base64', 'input.child.photo', { photo: 'not base64!', photoContentType: 'image/png' }],
    ['a photo one byte over the limit', 'input.child.photo', { photo: Buffer.alloc(MAX_PHOTO_BYTES + 1).toString('base64'), photoContentType: 'image/png' }],
    ['a photo without a content type', 'input.child.photoContentType', { photo: Buffer.from('abc').toString('base64') }],
    ['a GIF', 'input.child.photoContentType', { photo: Buffer.from('abc').toString('base64'), photoContentType: 'image/gif' }],
  ])('rejects %s naming %s', async (_case, field, child) => {
    const body = await post({}, child);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(requests.calls).toHaveLength(0);
  });

  it('accepts a birth date of today, an age range of 0 to 17 and a photo of exactly the limit', async () => {
    const photo = Buffer.alloc(MAX_PHOTO_BYTES).toString('base64');
    const body = await post({}, { dateOfBirth: latestToday(), estimatedAge: { minYears: 0, maxYears: 17 }, photo, photoContentType: 'image/webp' });
    expect(body.errors).toBeUndefined();
  });

  it('rejects an unknown kind or urgency as a GraphQL type error', async () => {
    for (const input of [{ kind: 'KIDNAPPING' }, { urgency: 'WHENEVER' }]) {
      const { status, body } = await gateway.graphql(POST, { variables: { input: aPostAlertInput(input) } });
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    }
    expect(requests.calls).toHaveLength(0);
  });

  it('checks the other mutations: update text and sighting, purpose, reason, note, ids', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['mutation($text: String!) { addAlertUpdate(id: "' + ALERT_ID + '", input: { text: $text }) { id } }', { text: 'x'.repeat(10_001) }, 'input.text'],
      ['mutation($text: String!) { addAlertUpdate(id: "' + ALERT_ID + '", input: { text: $text }) { id } }', { text: ' ' }, 'input.text'],
      ['mutation($text: String!) { addAlertUpdate(id: "' + ALERT_ID + '", input: { text: $text, sighting: { place: "", seenAt: "2025-06-01T07:00:00Z" } }) { id } }', { text: 'seen' }, 'input.sighting.place'],
      ['mutation($purpose: String!) { revealAlertIdentity(id: "' + ALERT_ID + '", purpose: $purpose) { aliases } }', { purpose: 'curious' }, 'purpose'],
      ['mutation($purpose: String!) { revealAlertIdentity(id: "' + ALERT_ID + '", purpose: $purpose) { aliases } }', { purpose: 'p'.repeat(501) }, 'purpose'],
      ['mutation($reason: String!) { cancelAlert(id: "' + ALERT_ID + '", reason: $reason) { id } }', { reason: 'r'.repeat(2_001) }, 'reason'],
      ['mutation($note: String) { resolveAlert(id: "' + ALERT_ID + '", outcome: FOUND_SAFE, note: $note) { id } }', { note: 'n'.repeat(2_001) }, 'note'],
      ['mutation { acknowledgeAlert(id: "1 OR 1=1") { id } }', {}, 'id'],
      ['{ alerts(first: 101) { totalCount } }', {}, 'first'],
      ['{ alerts(filter: { country: "Hrvatska" }) { totalCount } }', {}, 'filter.country'],
      ['{ alertIdentityReads(alertId: "nope") { purpose } }', {}, 'alertId'],
    ];
    for (const [query, variables, field] of cases) {
      const { body } = await gateway.graphql(query, { variables });
      expect({ field, extensions: body.errors?.[0]?.extensions }).toEqual({ field, extensions: { code: 'BAD_USER_INPUT', field } });
    }
    expect(requests.calls).toHaveLength(0);
  });

  it('accepts a purpose of 10 characters and an update of 10,000', async () => {
    expect((await gateway.graphql(`mutation { revealAlertIdentity(id: "${ALERT_ID}", purpose: "border chk") { aliases } }`)).body.errors).toBeUndefined();
    const { body } = await gateway.graphql(`mutation($text: String!) { addAlertUpdate(id: "${ALERT_ID}", input: { text: $text }) { id } }`, { variables: { text: 'ж'.repeat(10_000) } });
    expect(body.errors).toBeUndefined();
  });

  describe('a post whose title or summary names the child', () => {
    const child = (names: string[]) => ({ givenNames: names.slice(0, 1), familyNames: names.slice(1), aliases: [] });

    it.each(nameGuardTables.HOSTILE_TEXTS)('is refused before it is sent: %s in "%s"', async (names, text) => {
      for (const field of ['title', 'summary'] as const) {
        const body = await post({ [field]: text.replace(/[\u00AD\u200B-\u200F\u2060\uFEFF]/g, '') }, child(names));
        expect({ field, extensions: body.errors?.[0]?.extensions }).toEqual({ field, extensions: { code: 'BAD_USER_INPUT', field: `input.${field}` } });
        expect(JSON.stringify(body)).not.toContain(names[0]);
      }
      expect(requests.calls).toHaveLength(0);
    });

    it.each(nameGuardTables.INNOCENT_TEXTS)('is let through when it only holds a common word: %s in "%s"', async (names, text) => {
      const body = await post({ title: text.slice(0, 200), summary: text }, child(names));
      expect(body.errors).toBeUndefined();
      expect(requests.calls).toHaveLength(1);
    });

    it('checks an alias too', async () => {
      const body = await post({ summary: 'Seen with Ljupka near the station' }, { aliases: ['Ljupka'] });
      expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.summary' });
    });
  });

  describe('format characters and unpaired surrogates, in any text of any operation', () => {
    const INVISIBLE = ['\u200B', '\u00AD', '\u2060', '\u200D', '\uFEFF', '\u202E', '\uD800'];
    const operations: [string, (text: string) => Record<string, unknown>, string][] = [
      [POST, (text) => ({ input: aPostAlertInput({ title: `Mar${text}ko` }) }), 'input.title'],
      [POST, (text) => ({ input: aPostAlertInput({ summary: `Mar${text}ko` }) }), 'input.summary'],
      [POST, (text) => ({ input: aPostAlertInput({ child: { givenNames: [`Mar${text}ko`], sex: 'MALE', estimatedAge: { minYears: 12, maxYears: 14 } } }) }), 'input.child.givenNames.0'],
      [`mutation($text: String!) { addAlertUpdate(id: "${ALERT_ID}", input: { text: $text }) { id } }`, (text) => ({ text: `Mar${text}ko` }), 'input.text'],
      [
        `mutation($place: String!) { addAlertUpdate(id: "${ALERT_ID}", input: { text: "seen", sighting: { place: $place, seenAt: "2025-06-01T07:00:00Z" } }) { id } }`,
        (text) => ({ place: `Mar${text}ko` }),
        'input.sighting.place',
      ],
      [`mutation($note: String) { resolveAlert(id: "${ALERT_ID}", outcome: FOUND_SAFE, note: $note) { id } }`, (text) => ({ note: `Mar${text}ko` }), 'note'],
      [`mutation($reason: String!) { cancelAlert(id: "${ALERT_ID}", reason: $reason) { id } }`, (text) => ({ reason: `Mar${text}ko` }), 'reason'],
      [`mutation($purpose: String!) { revealAlertIdentity(id: "${ALERT_ID}", purpose: $purpose) { aliases } }`, (text) => ({ purpose: `Mar${text}ko, to check` }), 'purpose'],
      [
        `mutation($reason: String!) { grantAlertIdentityAccess(id: "${ALERT_ID}", granteeSubject: "attache-1", reason: $reason) { granteeSubject } }`,
        (text) => ({ reason: `Mar${text}ko, to coordinate` }),
        'reason',
      ],
    ];

    it.each(operations)('%s: refuses each one naming %s, sending nothing', async (query, variables, field) => {
      for (const character of INVISIBLE) {
        const { body } = await gateway.graphql(query, { variables: variables(character) });
        expect({ character: character.codePointAt(0), extensions: body.errors?.[0]?.extensions }).toEqual({
          character: character.codePointAt(0),
          extensions: { code: 'BAD_USER_INPUT', field },
        });
      }
      expect(requests.calls).toHaveLength(0);
    });

    it('lets an emoji sequence, and every script of the region, through', async () => {
      const { body } = await gateway.graphql(`mutation($text: String!) { addAlertUpdate(id: "${ALERT_ID}", input: { text: $text }) { id } }`, {
        variables: { text: 'Породица 👨‍👩‍👧 је обавештена; η οικογένεια ενημερώθηκε; familja u njoftua; čhavo ʒanel; Ştefan, Țurcanu' },
      });
      expect(body.errors).toBeUndefined();
    });
  });
});
