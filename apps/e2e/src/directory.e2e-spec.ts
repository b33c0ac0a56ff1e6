/**
 * The professional directory through the only public door: GraphQL at the gateway, then
 * Kafka, the directory service and Postgres, and its events on Kafka as a partner reads
 * them. Every request here is one a user's browser or a partner's client could send.
 */
import { randomUUID } from 'node:crypto';
import { codes, EventReader, startE2ePlatform, type E2ePlatform } from '@cpx/testing';
import { decodeWithProto, protoRegistry } from './support';

let platform: E2ePlatform;
let events: EventReader;
let adminToken: string;

const REGISTER_AGENCY = /* GraphQL */ `
  mutation Register($input: RegisterAgencyInput!) {
    registerAgency(input: $input) { id name type country locality languages version contacts { kind value label } }
  }`;
const REGISTER_PROFESSIONAL = /* GraphQL */ `
  mutation Invite($input: RegisterProfessionalInput!) {
    registerProfessional(input: $input) { id givenName familyName status agencyId agency { name country } }
  }`;
const VERIFY = /* GraphQL */ `mutation Verify($id: ID!) { verifyProfessional(id: $id) { id status version } }`;
const SEARCH_PROFESSIONALS = /* GraphQL */ `
  query Search($filter: ProfessionalFilter, $first: Int, $after: String) {
    professionals(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor hasPreviousPage startCursor }
      edges { cursor node { id givenName familyName status agency { name country } } }
    }
  }`;

beforeAll(async () => {
  platform = await startE2ePlatform('e2e-directory');
  events = await EventReader.start(platform.stack.kafkaConnection(), ['cpx.directory.v1.events']);
  adminToken = await platform.token({ roles: ['platform_admin'] });
}, 180_000);

afterAll(async () => {
  await events?.close();
  await platform?.stop();
}, 60_000);

function agencyInput(overrides: Record<string, unknown> = {}) {
  return {
    name: `Центар за социјални рад ${randomUUID().slice(0, 8)}`,
    type: 'CHILD_PROTECTION_AUTHORITY',
    country: 'RS',
    locality: 'Нови Сад',
    languages: ['sr-Cyrl', 'sr-Latn', 'hu'],
    contacts: [{ kind: 'PHONE', value: '+381 21 000 000', label: '24/7' }],
    ...overrides,
  };
}

/** A fresh agency with a verified agency admin able to sign in. */
async function agencyWithAdmin(country = 'RS') {
  const registered = await platform.query(REGISTER_AGENCY, { input: agencyInput({ country }) }, adminToken);
  const agency = registered.data!.registerAgency;
  const subject = `admin-${randomUUID()}`;
  const invited = await platform.query(
    REGISTER_PROFESSIONAL,
    { input: { agencyId: agency.id, givenName: 'Ana', familyName: 'Admin', role: 'OTHER', subject } },
    adminToken,
  );
  await platform.query(VERIFY, { id: invited.data!.registerProfessional.id }, adminToken);
  const token = await platform.token({ sub: subject, roles: ['agency_admin', 'professional'], country, agency: agency.id });
  return { agency, token };
}

describe('a user’s journey through the directory', () => {
  it('registers an agency, invites and verifies a professional, finds them in Cyrillic, and learns whom to contact', async () => {
    const registered = await platform.query(REGISTER_AGENCY, { input: agencyInput() }, adminToken);
    expect(registered.errors).toBeUndefined();
    const agency = registered.data!.registerAgency;
    expect(agency).toMatchObject({ type: 'CHILD_PROTECTION_AUTHORITY', country: 'RS', locality: 'Нови Сад', version: 1 });

    const adminSubject = `admin-${randomUUID()}`;
    const admin = await platform.query(
      REGISTER_PROFESSIONAL,
      { input: { agencyId: agency.id, givenName: 'Јелена', familyName: 'Адмиовић', role: 'OTHER', subject: adminSubject } },
      adminToken,
    );
    await platform.query(VERIFY, { id: admin.data!.registerProfessional.id }, adminToken);
    const agencyAdmin = await platform.token({ sub: adminSubject, roles: ['agency_admin', 'professional'], country: 'RS', agency: agency.id });

    const family = `Стојановић${randomUUID().slice(0, 6)}`;
    const invited = await platform.query(
      REGISTER_PROFESSIONAL,
      {
        input: {
          agencyId: agency.id,
          givenName: 'Марија',
          familyName: family,
          role: 'SOCIAL_WORKER',
          languages: ['sr-Cyrl', 'en'],
          expertise: ['unaccompanied minors', 'Roma communities'],
          contacts: [{ kind: 'EMAIL', value: 'marija@example.org' }],
        },
      },
      agencyAdmin,
    );
    expect(invited.errors).toBeUndefined();
    const professional = invited.data!.registerProfessional;
    expect(professional).toMatchObject({ status: 'INVITED', familyName: family, agency: { country: 'RS' } });

    // A verified member of a French agency: only those read the people of the directory.
    const { token: colleagueInFrance } = await agencyWithAdmin('FR');
    const beforeVerification = await platform.query(SEARCH_PROFESSIONALS, { filter: { text: family } }, colleagueInFrance);
    expect(beforeVerification.data!.professionals.totalCount).toBe(0);

    const verified = await platform.query(VERIFY, { id: professional.id }, agencyAdmin);
    expect(verified.data!.verifyProfessional.status).toBe('VERIFIED');

    const byCyrillic = await platform.query(SEARCH_PROFESSIONALS, { filter: { text: family.toLowerCase(), country: 'RS' } }, colleagueInFrance);
    expect(byCyrillic.data!.professionals.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([professional.id]);
    const byLatin = await platform.query(SEARCH_PROFESSIONALS, { filter: { text: 'stojanovic' + family.slice(10).toLowerCase() } }, colleagueInFrance);
    expect(byLatin.data!.professionals.totalCount).toBe(1);

    const assigned = await platform.query(
      `mutation($input: AssignFocalPointInput!) { assignFocalPoint(input: $input) { id country alertKind professionalId } }`,
      { input: { country: 'RS', alertKind: 'UNACCOMPANIED_MINOR', professionalId: professional.id } },
      agencyAdmin,
    );
    expect(assigned.errors).toBeUndefined();
    const whom = await platform.query(
      `query { whomToContact(country: "RS", alertKind: UNACCOMPANIED_MINOR) { reason professional { id familyName contacts { kind value } agency { name } } } }`,
      {},
      colleagueInFrance,
    );
    expect(whom.errors).toBeUndefined();
    expect(whom.data!.whomToContact).toContainEqual({
      reason: 'FOCAL_POINT',
      professional: { id: professional.id, familyName: family, contacts: [{ kind: 'EMAIL', value: 'marija@example.org' }], agency: { name: agency.name } },
    });

    // What a partner sees on Kafka: CloudEvents headers and a payload that decodes with proto/.
    const registry = protoRegistry();
    const agencyEvent = await events.waitFor((event) => event.key === agency.id);
    expect(agencyEvent.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'cpx.directory.v1.AgencyRegistered',
      ce_source: '/cpx/directory',
      ce_subject: `agencies/${agency.id}`,
      'content-type': 'application/protobuf',
    });
    expect(decodeWithProto(registry, agencyEvent.headers.ce_type, agencyEvent.value)).toMatchObject({
      agency: { id: agency.id, name: agency.name, type: 'AGENCY_TYPE_CHILD_PROTECTION_AUTHORITY', country: 'RS' },
    });
    const verifiedEvent = await events.waitFor(
      (event) => event.key === professional.id && event.headers.ce_type === 'cpx.directory.v1.ProfessionalVerified',
    );
    expect(decodeWithProto(registry, verifiedEvent.headers.ce_type, verifiedEvent.value)).toMatchObject({
      professional: { id: professional.id, status: 'VERIFICATION_STATUS_VERIFIED' },
    });
  });

  it('pages through professionals with Relay cursors', async () => {
    const { agency, token } = await agencyWithAdmin('BG');
    const marker = `Петров${randomUUID().slice(0, 6)}`;
    for (let index = 0; index < 5; index += 1) {
      const invited = await platform.query(
        REGISTER_PROFESSIONAL,
        { input: { agencyId: agency.id, givenName: 'Иван', familyName: `${marker}${index}`, role: 'POLICE_OFFICER' } },
        token,
      );
      await platform.query(VERIFY, { id: invited.data!.registerProfessional.id }, token);
    }
    const first = await platform.query(SEARCH_PROFESSIONALS, { filter: { text: marker }, first: 2 }, token);
    const { pageInfo, edges, totalCount } = first.data!.professionals;
    expect(totalCount).toBe(5);
    expect(pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: edges[0].cursor, endCursor: edges[1].cursor });
    const rest = await platform.query(SEARCH_PROFESSIONALS, { filter: { text: marker }, first: 10, after: pageInfo.endCursor }, token);
    const names = [...edges, ...rest.data!.professionals.edges].map((edge: { node: { familyName: string } }) => edge.node.familyName);
    expect(names).toEqual([0, 1, 2, 3, 4].map((index) => `${marker}${index}`));
    expect(rest.data!.professionals.pageInfo).toMatchObject({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: rest.data!.professionals.edges[0].cursor,
    });
  });

  it('finds people across scripts and romanisations, and by a language with its variants', async () => {
    const { agency, token } = await agencyWithAdmin('RS');
    const stamp = randomUUID().slice(0, 6).replace(/[a-f]/g, '7');
    const invite = async (givenName: string, familyName: string, languages: string[]) => {
      const invited = await platform.query(REGISTER_PROFESSIONAL, { input: { agencyId: agency.id, givenName, familyName: `${familyName}${stamp}`, role: 'SOCIAL_WORKER', languages } }, token);
      expect(invited.errors).toBeUndefined();
      await platform.query(VERIFY, { id: invited.data!.registerProfessional.id }, token);
      return invited.data!.registerProfessional.id as string;
    };
    const latin = await invite('Marko', 'Đorđević', ['sr-latn']);
    const cyrillic = await invite('Иван', 'Жечев', ['sr-Cyrl', 'bg']);
    const ids = async (filter: Record<string, unknown>) =>
      ((await platform.query(SEARCH_PROFESSIONALS, { filter }, token)).data!.professionals.edges as { node: { id: string } }[]).map((edge) => edge.node.id).sort();

    expect(await ids({ text: `Марко Ђорђевић${stamp}` })).toEqual([latin]);
    expect(await ids({ text: `Djordjevic${stamp}` })).toEqual([latin]);
    expect(await ids({ text: `Zhechev${stamp}` })).toEqual([cyrillic]);
    expect(await ids({ agencyId: agency.id, language: 'sr' })).toEqual([latin, cyrillic].sort());
    expect(await ids({ agencyId: agency.id, language: 'sr-latn' })).toEqual([latin]);
    expect(await ids({ agencyId: agency.id, language: 'bg' })).toEqual([cyrillic]);

    const unknownCountry = await platform.query(SEARCH_PROFESSIONALS, { filter: { country: 'ZZ' } }, token);
    expect(codes(unknownCountry)).toEqual(['BAD_USER_INPUT']);
    expect(unknownCountry.errors![0].extensions?.field).toBe('filter.country');
  });
});

describe('what a platform admin and an agency admin can correct without a release', () => {
  const REGISTER_COUNTRY = /* GraphQL */ `
    mutation Join($input: RegisterCountryInput!) { registerCountry(input: $input) { code name languages } }`;
  const WHOM = /* GraphQL */ `
    query Whom($at: DateTime) { whomToContact(country: "RS", alertKind: MISSING_CHILD, at: $at) { reason shiftId professional { id } } }`;

  it('registers a state that joins: agencies can be registered there at once, and partners read CountryRegistered', async () => {
    const malta = { code: 'MT', name: 'Malta', languages: ['mt', 'en'] };
    const early = await platform.query(REGISTER_AGENCY, { input: agencyInput({ country: 'MT' }) }, adminToken);
    expect([codes(early), early.errors![0].extensions?.field]).toEqual([['BAD_USER_INPUT'], 'input.country']);
    const agencyAdminToken = await platform.token({ roles: ['agency_admin', 'professional'], country: 'RS' });
    expect(codes(await platform.query(REGISTER_COUNTRY, { input: malta }, agencyAdminToken))).toEqual(['FORBIDDEN']);
    const lower = await platform.query(REGISTER_COUNTRY, { input: { ...malta, code: 'mt' } }, adminToken);
    expect([codes(lower), lower.errors![0].extensions?.field]).toEqual([['BAD_USER_INPUT'], 'input.code']);

    const registered = await platform.query(REGISTER_COUNTRY, { input: malta }, adminToken);
    expect(registered).toMatchObject({ data: { registerCountry: malta } });
    expect(registered.errors).toBeUndefined();
    expect((await platform.query(REGISTER_COUNTRY, { input: { ...malta, languages: ['en', 'mt'] } }, adminToken)).data!.registerCountry).toEqual(malta);
    const renamed = await platform.query(REGISTER_COUNTRY, { input: { ...malta, name: 'Malte' } }, adminToken);
    expect([codes(renamed), renamed.errors![0].extensions?.field]).toEqual([['CONFLICT'], 'input.name']);

    const countries = await platform.query(`query { countries { code name } }`, {}, adminToken);
    expect(countries.data!.countries).toContainEqual({ code: 'MT', name: 'Malta' });
    const agency = await platform.query(REGISTER_AGENCY, { input: agencyInput({ country: 'MT', locality: 'Valletta', languages: ['mt', 'en'] }) }, adminToken);
    expect(agency.errors).toBeUndefined();
    expect(agency.data!.registerAgency).toMatchObject({ country: 'MT', locality: 'Valletta' });

    const joined = await events.waitFor((event) => event.key === 'MT');
    expect(joined.headers).toMatchObject({ ce_type: 'cpx.directory.v1.CountryRegistered', ce_subject: 'countries/MT' });
    expect(decodeWithProto(protoRegistry(), joined.headers.ce_type, joined.value)).toMatchObject({ country: malta });
  });

  it('ends a shift scheduled by mistake: whomToContact stops naming its professional, and only the agency’s admin may end it', async () => {
    const { agency, token: agencyAdmin } = await agencyWithAdmin('RS');
    const invited = await platform.query(REGISTER_PROFESSIONAL, { input: { agencyId: agency.id, givenName: 'Милан', familyName: 'Дежурни', role: 'POLICE_OFFICER' } }, agencyAdmin);
    const professionalId = invited.data!.registerProfessional.id as string;
    await platform.query(VERIFY, { id: professionalId }, agencyAdmin);
    const now = Date.now();
    const scheduled = await platform.query(
      `mutation($input: ScheduleOnDutyInput!) { scheduleOnDuty(input: $input) { id endsAt } }`,
      { input: { professionalId, country: 'RS', startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 30 * 86_400_000).toISOString() } },
      agencyAdmin,
    );
    expect(scheduled.errors).toBeUndefined();
    const shiftId = scheduled.data!.scheduleOnDuty.id as string;
    const { token: colleagueInFrance } = await agencyWithAdmin('FR');
    const onDuty = { reason: 'ON_DUTY', shiftId, professional: { id: professionalId } };
    expect((await platform.query(WHOM, {}, colleagueInFrance)).data!.whomToContact).toContainEqual(onDuty);

    const END = `mutation($id: ID!) { endOnDuty(id: $id) { id endsAt } }`;
    const { token: otherAgencyAdmin } = await agencyWithAdmin('RS');
    expect(codes(await platform.query(END, { id: shiftId }, otherAgencyAdmin))).toEqual(['FORBIDDEN']);
    expect((await platform.query(WHOM, {}, colleagueInFrance)).data!.whomToContact).toContainEqual(onDuty);

    const ended = await platform.query(END, { id: shiftId }, agencyAdmin);
    expect(ended.errors).toBeUndefined();
    expect(new Date(ended.data!.endOnDuty.endsAt).getTime()).toBeLessThanOrEqual(Date.now());
    expect((await platform.query(WHOM, {}, colleagueInFrance)).data!.whomToContact).not.toContainEqual(onDuty);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    expect((await platform.query(WHOM, { at: tomorrow }, colleagueInFrance)).data!.whomToContact).not.toContainEqual(onDuty);
    // A retry answers the same end.
    expect((await platform.query(END, { id: shiftId }, agencyAdmin)).data!.endOnDuty).toEqual(ended.data!.endOnDuty);

    const endEvent = await events.waitFor((event) => event.key === shiftId && event.headers.ce_type === 'cpx.directory.v1.OnDutyEnded');
    expect(decodeWithProto(protoRegistry(), endEvent.headers.ce_type, endEvent.value)).toMatchObject({
      shift: { id: shiftId, professionalId, country: 'RS', endsAt: ended.data!.endOnDuty.endsAt.replace('.000Z', 'Z') },
    });
  });
});

describe('bad input is refused with a typed error and changes nothing', () => {
  it('names the field at fault', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ country: 'ZZ' }, 'input.country'],
      [{ country: 'serbia' }, 'input.country'],
      [{ name: '' }, 'input.name'],
      [{ name: '   ' }, 'input.name'],
      [{ name: 'Ж'.repeat(100_000) }, 'input.name'],
      [{ languages: ['not a language tag'] }, 'input.languages'],
      // Text no one could have typed: a NUL (Postgres cannot store it), a bell, a bidi override.
      [{ name: 'Центар\u0000' }, 'input.name'],
      [{ locality: 'Нови Сад\u202Eexe' }, 'input.locality'],
      [{ contacts: [{ kind: 'PHONE', value: '+381 21 000 000', label: '24/7\u0007' }] }, 'input.contacts.0.label'],
    ];
    for (const [overrides, field] of cases) {
      const response = await platform.query(REGISTER_AGENCY, { input: agencyInput(overrides) }, adminToken);
      expect({ overrides: Object.keys(overrides), codes: codes(response) }).toEqual({ overrides: Object.keys(overrides), codes: ['BAD_USER_INPUT'] });
      expect(response.errors![0].extensions?.field).toBe(field);
      expect(JSON.stringify(response.errors)).not.toMatch(/stack|at \w+ \(|\.ts:\d+/);
    }
  });

  it('refuses a wrongly typed variable before it reaches a service', async () => {
    const response = await platform.query(REGISTER_AGENCY, { input: { ...agencyInput(), type: 'SPACESHIP' } }, adminToken);
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('stores SQL- and HTML-looking text verbatim', async () => {
    const name = `O'Brien"; DROP TABLE agency; -- <img src=x onerror=alert(1)> ${randomUUID().slice(0, 6)}`;
    const created = await platform.query(REGISTER_AGENCY, { input: agencyInput({ name, country: 'FR', locality: "Saint-Denis d'Oléron" }) }, adminToken);
    expect(created.errors).toBeUndefined();
    const read = await platform.query(`query($id: ID!) { agency(id: $id) { name locality } }`, { id: created.data!.registerAgency.id }, adminToken);
    expect(read.data!.agency).toEqual({ name, locality: "Saint-Denis d'Oléron" });
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    const response = await platform.query(`query($id: ID!) { agency(id: $id) { name } }`, { id: randomUUID() }, adminToken);
    expect(codes(response)).toEqual(['NOT_FOUND']);
  });
});

describe('who may ask', () => {
  const ME = `query { me { subject roles } }`;

  it('refuses missing, malformed, expired and forged tokens with UNAUTHENTICATED', async () => {
    expect(codes(await platform.query(ME))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await platform.query(ME, {}, 'not-a-jwt'))).toEqual(['UNAUTHENTICATED']);
    const expired = await platform.token({ roles: ['platform_admin'] }, -60);
    expect(codes(await platform.query(ME, {}, expired))).toEqual(['UNAUTHENTICATED']);
    const { issueLocalToken } = await import('@cpx/platform');
    const forged = await issueLocalToken(`${platform.identityDir}-forger`, { sub: 'mallory', roles: ['platform_admin'] });
    expect(codes(await platform.query(REGISTER_AGENCY, { input: agencyInput() }, forged))).toEqual(['UNAUTHENTICATED']);
    const [, payload] = adminToken.split('.');
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    expect(codes(await platform.query(ME, {}, unsigned))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses the wrong role with FORBIDDEN and writes nothing', async () => {
    const name = `Forbidden ${randomUUID()}`;
    for (const roles of [['professional'], ['partner'], ['agency_admin'], []] as const) {
      const token = await platform.token({ roles: [...roles], country: 'RS' });
      expect(codes(await platform.query(REGISTER_AGENCY, { input: agencyInput({ name }) }, token))).toEqual(['FORBIDDEN']);
    }
    const search = await platform.query(`query($text: String) { agencies(filter: { text: $text }) { totalCount } }`, { text: name }, adminToken);
    expect(search.data!.agencies.totalCount).toBe(0);
  });

  it('keeps an agency admin to their own agency', async () => {
    const serbia = await agencyWithAdmin('RS');
    const bulgaria = await agencyWithAdmin('BG');
    const response = await platform.query(
      REGISTER_PROFESSIONAL,
      { input: { agencyId: serbia.agency.id, givenName: 'Intruder', familyName: 'Test', role: 'OTHER' } },
      bulgaria.token,
    );
    expect(codes(response)).toEqual(['FORBIDDEN']);
  });

  it('locks out a suspended professional even with a valid token', async () => {
    const { agency, token: agencyAdmin } = await agencyWithAdmin('AL');
    const subject = `suspended-${randomUUID()}`;
    const invited = await platform.query(
      REGISTER_PROFESSIONAL,
      { input: { agencyId: agency.id, givenName: 'Arben', familyName: 'Hoxha', role: 'SOCIAL_WORKER', subject } },
      agencyAdmin,
    );
    const id = invited.data!.registerProfessional.id;
    await platform.query(VERIFY, { id }, agencyAdmin);
    const theirToken = await platform.token({ sub: subject, roles: ['professional'], country: 'AL', agency: agency.id });
    const COUNTRIES = `query { countries { code } }`;
    expect((await platform.query(COUNTRIES, {}, theirToken)).data!.countries.map((c: { code: string }) => c.code)).toContain('XK');
    const WHO_AM_I = `query { me { subject professional { id status } } }`;
    expect((await platform.query(WHO_AM_I, {}, theirToken)).data!.me).toEqual({ subject, professional: { id, status: 'VERIFIED' } });
    const suspended = await platform.query(
      `mutation($id: ID!) { suspendProfessional(id: $id, reason: "left the service") { status suspensionReason } }`,
      { id },
      agencyAdmin,
    );
    expect(suspended.data!.suspendProfessional).toEqual({ status: 'SUSPENDED', suspensionReason: 'left the service' });
    expect(codes(await platform.query(COUNTRIES, {}, theirToken))).toEqual(['FORBIDDEN']);
    expect(codes(await platform.query(SEARCH_PROFESSIONALS, {}, theirToken))).toEqual(['FORBIDDEN']);
    expect(codes(await platform.query(WHO_AM_I, {}, theirToken))).toEqual(['FORBIDDEN']);
  });
});
