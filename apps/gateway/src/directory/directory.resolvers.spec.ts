import { create } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AgencyType, AlertKind, ContactReason, DirectoryRequests, FocalPointSchema, ProfessionalRole } from '@cpx/contracts';
import { decodeCursor, DomainError } from '@cpx/platform';
import { AGENCY_ID, anAgency, aProfessional, PROFESSIONAL_ID } from '../../test/directory-factories';
import { FakeRequests } from '../../test/fake-requests';
import { startTestGateway, TEST_CLAIMS, type TestGateway } from '../../test/test-gateway';

describe('directory resolvers', () => {
  let gateway: TestGateway;
  const requests = new FakeRequests();

  beforeAll(async () => {
    gateway = await startTestGateway({ requests });
  });
  afterAll(() => gateway.close());
  beforeEach(() => {
    requests.calls.length = 0;
  });

  it('forwards the authenticated principal with each request', async () => {
    requests.on(DirectoryRequests.getAgency, () => ({ agency: anAgency() }));
    const { body } = await gateway.graphql(`{ agency(id: "${AGENCY_ID}") { id name type country locality jurisdiction languages contacts { kind value label } createdAt version } }`);
    expect(body).toEqual({
      data: {
        agency: {
          id: AGENCY_ID,
          name: 'Центар за социјални рад Београд',
          type: 'CHILD_PROTECTION_AUTHORITY',
          country: 'RS',
          locality: 'Beograd',
          jurisdiction: null,
          languages: ['sr-Cyrl', 'sr-Latn'],
          contacts: [{ kind: 'PHONE', value: '+381111234567', label: '24/7' }],
          createdAt: '2025-03-01T08:00:00.000Z',
          version: 3,
        },
      },
    });
    expect(requests.calls).toEqual([
      { operation: DirectoryRequests.getAgency.name, request: { id: AGENCY_ID }, principal: { subject: TEST_CLAIMS.sub, roles: ['professional'], country: 'RS', agencyId: 'agency-1', partnerId: undefined } },
    ]);
  });

  it('answers a search as a Relay connection and maps the filter to the proto', async () => {
    requests.on(DirectoryRequests.searchProfessionals, () => ({
      items: [aProfessional(), aProfessional({ id: 'second', givenName: 'Ђорђе' })],
      endCursor: 'service-cursor',
      hasNextPage: true,
      totalCount: 7,
    }));
    const { body } = await gateway.graphql(
      `{ professionals(first: 2, filter: { country: "RS", role: SOCIAL_WORKER, agencyType: POLICE, text: "ђорђе" }) {
          totalCount pageInfo { hasNextPage endCursor hasPreviousPage startCursor } edges { cursor node { givenName role status agency { name type } } } } }`,
    );
    const connection = body.data?.['professionals'] as { edges: { cursor: string; node: unknown }[]; pageInfo: { endCursor: string; startCursor: string } };
    expect(connection).toMatchObject({ totalCount: 7, pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: connection.edges[0]!.cursor } });
    expect(connection.edges.map((edge) => edge.node)).toEqual([
      { givenName: 'Ana', role: 'SOCIAL_WORKER', status: 'VERIFIED', agency: { name: 'Центар за социјални рад Београд', type: 'CHILD_PROTECTION_AUTHORITY' } },
      { givenName: 'Ђорђе', role: 'SOCIAL_WORKER', status: 'VERIFIED', agency: { name: 'Центар за социјални рад Београд', type: 'CHILD_PROTECTION_AUTHORITY' } },
    ]);
    expect(decodeCursor(connection.pageInfo.endCursor)).toEqual(['service-cursor', 0]);
    expect(requests.calls[0]?.request).toMatchObject({
      filter: { country: 'RS', role: ProfessionalRole.SOCIAL_WORKER, agencyType: AgencyType.POLICE, text: 'ђорђе', status: 0, agencyId: '' },
      page: { first: 2, after: '' },
    });
  });

  it('sends only the fields an update sets, with the expected version', async () => {
    requests.on(DirectoryRequests.updateProfessional, () => ({ professional: aProfessional({ version: 2n }) }));
    const { body } = await gateway.graphql(`mutation { updateProfessional(id: "${PROFESSIONAL_ID}", input: { familyName: "Petrović-Ilić", languages: [], expectedVersion: 1 }) { version } }`);
    expect(body).toEqual({ data: { updateProfessional: { version: 2 } } });
    expect(requests.calls[0]?.request).toEqual({
      id: PROFESSIONAL_ID,
      givenName: undefined,
      familyName: 'Petrović-Ilić',
      role: undefined,
      languages: { languages: [] },
      expertise: undefined,
      contacts: undefined,
      subject: undefined,
      expectedVersion: 1n,
    });
  });

  it('looks up the professional of focal points once per id', async () => {
    const focalPoint = (id: string, alertKind: AlertKind) =>
      create(FocalPointSchema, { id, country: 'RS', alertKind, professionalId: PROFESSIONAL_ID, createdAt: timestampFromDate(new Date()) });
    requests.on(DirectoryRequests.listFocalPoints, () => ({ focalPoints: [focalPoint('f1', AlertKind.UNSPECIFIED), focalPoint('f2', AlertKind.MISSING_CHILD)] }));
    requests.on(DirectoryRequests.getProfessional, () => ({ professional: aProfessional() }));
    const { body } = await gateway.graphql('{ focalPoints(country: "RS") { id alertKind professional { familyName } } }');
    expect(body).toEqual({
      data: {
        focalPoints: [
          { id: 'f1', alertKind: null, professional: { familyName: 'Petrović' } },
          { id: 'f2', alertKind: 'MISSING_CHILD', professional: { familyName: 'Petrović' } },
        ],
      },
    });
    expect(requests.calls.map((call) => call.operation)).toEqual([DirectoryRequests.listFocalPoints.name, DirectoryRequests.getProfessional.name]);
  });

  it('asks whom to contact at a given moment and maps the candidates', async () => {
    const endsAt = new Date('2025-06-01T06:00:00Z');
    requests.on(DirectoryRequests.whomToContact, () => ({
      candidates: [{ professional: aProfessional(), reason: ContactReason.ON_DUTY, shiftEndsAt: timestampFromDate(endsAt) }],
    }));
    const { body } = await gateway.graphql('{ whomToContact(country: "XK", alertKind: UNACCOMPANIED_MINOR, at: "2025-05-31T23:00:00Z") { reason shiftEndsAt professional { id } } }');
    expect(body).toEqual({ data: { whomToContact: [{ reason: 'ON_DUTY', shiftEndsAt: endsAt.toISOString(), professional: { id: PROFESSIONAL_ID } }] } });
    const request = requests.calls[0]?.request as { country: string; alertKind: AlertKind; at: Parameters<typeof timestampDate>[0] };
    expect(request.country).toBe('XK');
    expect(request.alertKind).toBe(AlertKind.UNACCOMPANIED_MINOR);
    expect(timestampDate(request.at).toISOString()).toBe('2025-05-31T23:00:00.000Z');
  });

  it('reads a moment with its offset, and refuses one without, a number or an impossible date before asking anyone', async () => {
    requests.on(DirectoryRequests.whomToContact, () => ({ candidates: [] }));
    const query = 'query($at: DateTime) { whomToContact(country: "XK", alertKind: UNACCOMPANIED_MINOR, at: $at) { reason } }';
    expect((await gateway.graphql(query, { variables: { at: '2025-06-01T01:00:00+02:00' } })).body).toEqual({ data: { whomToContact: [] } });
    const request = requests.calls[0]?.request as { at: Parameters<typeof timestampDate>[0] };
    expect(timestampDate(request.at).toISOString()).toBe('2025-05-31T23:00:00.000Z');
    for (const at of ['2025-06-01T01:00:00', '2025-06-01', 1700000000000, true, '1', '2025-02-30T10:00:00Z', '2025-06-01T24:00:00Z']) {
      const { body } = await gateway.graphql(query, { variables: { at } });
      expect({ at, codes: body.errors?.map((error) => error.extensions?.['code']) }).toEqual({ at, codes: ['BAD_USER_INPUT'] });
    }
    const literal = await gateway.graphql('{ whomToContact(country: "XK", alertKind: UNACCOMPANIED_MINOR, at: "2025-06-01T01:00:00") { reason } }');
    expect(literal.body.errors?.[0]?.message).toContain('RFC 3339');
    expect(requests.calls).toHaveLength(1);
  });

  it('registers a country for a platform admin, and names the field the directory refuses', async () => {
    const admin = await gateway.token({ sub: 'admin-1', roles: ['platform_admin'] });
    requests.on(DirectoryRequests.registerCountry, (request) => ({ country: { code: request.code, name: request.name, languages: request.languages } }));
    const mutation = 'mutation($input: RegisterCountryInput!) { registerCountry(input: $input) { code name languages } }';
    const input = { code: 'MT', name: 'Malta', languages: ['mt', 'en'] };
    const { body } = await gateway.graphql(mutation, { token: admin, variables: { input } });
    expect(body).toEqual({ data: { registerCountry: input } });
    expect(requests.calls).toEqual([
      { operation: DirectoryRequests.registerCountry.name, request: input, principal: expect.objectContaining({ subject: 'admin-1', roles: ['platform_admin'] }) },
    ]);

    requests.on(DirectoryRequests.registerCountry, () => {
      throw DomainError.conflict('MT is already registered, as Malta.', 'input.name');
    });
    const conflict = await gateway.graphql(mutation, { token: admin, variables: { input: { ...input, name: 'Malte' } } });
    expect(conflict.body.errors?.map((error) => [error.extensions?.['code'], error.extensions?.['field']])).toEqual([['CONFLICT', 'input.name']]);
  });

  it('refuses a malformed country code before asking the directory', async () => {
    const mutation = 'mutation($input: RegisterCountryInput!) { registerCountry(input: $input) { code } }';
    for (const code of ['mt', 'MLT', 'M', '']) {
      const { body } = await gateway.graphql(mutation, { variables: { input: { code, name: 'Malta' } } });
      expect({ code, errors: body.errors?.map((error) => [error.extensions?.['code'], error.extensions?.['field']]) }).toEqual({
        code,
        errors: [['BAD_USER_INPUT', 'input.code']],
      });
    }
    expect(requests.calls).toEqual([]);
  });

  it('ends an on-duty shift by id, and names the shift of each contact on duty', async () => {
    const shiftId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
    const startsAt = new Date('2025-06-01T08:00:00Z');
    const endedAt = new Date('2025-06-01T09:30:00Z');
    requests.on(DirectoryRequests.endOnDuty, () => ({
      shift: { id: shiftId, professionalId: PROFESSIONAL_ID, country: 'RS', alertKind: AlertKind.UNSPECIFIED, startsAt: timestampFromDate(startsAt), endsAt: timestampFromDate(endedAt) },
    }));
    const { body } = await gateway.graphql(`mutation { endOnDuty(id: "${shiftId}") { id country alertKind startsAt endsAt } }`);
    expect(body).toEqual({ data: { endOnDuty: { id: shiftId, country: 'RS', alertKind: null, startsAt: startsAt.toISOString(), endsAt: endedAt.toISOString() } } });
    expect(requests.calls.map(({ operation, request }) => ({ operation, request }))).toEqual([{ operation: DirectoryRequests.endOnDuty.name, request: { id: shiftId } }]);

    const malformed = await gateway.graphql('mutation { endOnDuty(id: "not-an-id") { id } }');
    expect(malformed.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
    expect(requests.calls).toHaveLength(1);

    requests.on(DirectoryRequests.whomToContact, () => ({
      candidates: [
        { professional: aProfessional(), reason: ContactReason.ON_DUTY, shiftEndsAt: timestampFromDate(endedAt), shiftId },
        { professional: aProfessional({ id: 'focal' }), reason: ContactReason.FOCAL_POINT },
      ],
    }));
    const contacts = await gateway.graphql('{ whomToContact(country: "RS", alertKind: MISSING_CHILD) { reason shiftId } }');
    expect(contacts.body).toEqual({ data: { whomToContact: [{ reason: 'ON_DUTY', shiftId }, { reason: 'FOCAL_POINT', shiftId: null }] } });
  });

  it('answers `me` from the token and, for a professional, the directory, which refuses a suspended one', async () => {
    requests.on(DirectoryRequests.getCaller, () => ({ professional: aProfessional() }));
    const { body } = await gateway.graphql('{ me { subject roles country agencyId partnerId professional { id status } } }');
    expect(body).toEqual({
      data: { me: { subject: 'user-1', roles: ['PROFESSIONAL'], country: 'RS', agencyId: 'agency-1', partnerId: null, professional: { id: PROFESSIONAL_ID, status: 'VERIFIED' } } },
    });
    expect(requests.calls.map((call) => call.operation)).toEqual([DirectoryRequests.getCaller.name]);

    requests.on(DirectoryRequests.getCaller, () => {
      throw DomainError.forbidden('Your account is suspended.');
    });
    expect((await gateway.graphql('{ me { subject } }')).body.errors?.[0]).toMatchObject({ message: 'Your account is suspended.', extensions: { code: 'FORBIDDEN' } });

    // Roles with no directory record are answered from the token alone.
    const calls = requests.calls.length;
    const partner = await gateway.token({ sub: 'unicef-1', roles: ['partner'], cpx_partner: 'unicef' });
    expect((await gateway.graphql('{ me { subject professional { id } } }', { token: partner })).body).toEqual({ data: { me: { subject: 'unicef-1', professional: null } } });
    expect(requests.calls).toHaveLength(calls);
  });
});
