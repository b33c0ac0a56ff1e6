import { request as httpRequest } from 'node:http';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { getIntrospectionQuery } from 'graphql';
import { AlertKind, AlertsRequests, DirectoryRequests, FeedsRequests, FocalPointSchema } from '@cpx/contracts';
import { anAlert } from '../alerts/testing/alert-factories';
import { FakeRequests } from '../../test/fake-requests';
import { AGENCY_ID, anAgency, aProfessional } from '../../test/directory-factories';
import { startTestGateway, TEST_CLAIMS, type TestGateway } from '../../test/test-gateway';

/** What one request to /graphql answers, with its headers, however it is refused. */
async function post(gateway: TestGateway, body: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const json = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { status: response.status, headers: response.headers, body: json, ms: performance.now() - started };
}

const EVERY_ALERT_FIELD =
  'closedAt id identityErased kind originAgencyId originCountry outcome outcomeNote postedAt postedBySubject status summary targetAgencyTypes title updatedAt urgency version ' +
  'targets { acknowledgedAt acknowledgedByAgencyId country deadline escalationLevel recipientCount }';

const codesOf = (body: { errors?: { extensions?: Record<string, unknown> }[] }) => (body.errors ?? []).map((error) => error.extensions?.['code']);

describe('bounded work per operation', () => {
  let gateway: TestGateway;
  const requests = new FakeRequests()
    .on(DirectoryRequests.getAgency, () => ({ agency: anAgency() }))
    .on(DirectoryRequests.getProfessional, (request) => ({ professional: aProfessional({ id: String(request.lookup?.value) }) }))
    .on(AlertsRequests.getInbox, () => ({ items: Array.from({ length: 100 }, () => anAlert()), endCursor: '', hasNextPage: false, totalCount: 100 }))
    .on(FeedsRequests.getPartnerFeed, () => ({ items: [], endCursor: '', hasNextPage: false }));

  beforeAll(async () => {
    gateway = await startTestGateway({ requests });
  });
  afterAll(() => gateway.close());
  beforeEach(() => requests.calls.splice(0));

  it('refuses 450 aliases of agency(id) before sending any request', async () => {
    const aliases = Array.from({ length: 450 }, (_, i) => `a${i}: agency(id: "${AGENCY_ID}") { id }`).join(' ');
    const { status, body } = await gateway.graphql(`{ ${aliases} }`);
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'The operation would send up to 450 requests to services, more than the limit of 25. Ask for fewer fields or items (first), or split it.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    ]);
    expect(requests.calls).toHaveLength(0);
    // A few are fine.
    const few = await gateway.graphql(`{ ${Array.from({ length: 3 }, (_, i) => `a${i}: agency(id: "${AGENCY_ID}") { id }`).join(' ')} }`);
    expect(few.body.errors).toBeUndefined();
    expect(requests.calls).toHaveLength(3);
  });

  it('refuses two reveals of a child’s identity in one operation, before sending anything', async () => {
    const reveals = (count: number) =>
      `mutation { ${Array.from({ length: count }, (_, i) => `r${i}: revealAlertIdentity(id: "${AGENCY_ID}", purpose: "Checking the photo against the record") { __typename }`).join(' ')} }`;
    for (const count of [2, 20]) {
      const { status, body } = await gateway.graphql(reveals(count));
      expect(status).toBe(400);
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: `The operation asks for \`revealAlertIdentity\` ${count} times; one operation may ask for it once.`,
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        }),
      ]);
    }
    const throughFragments = await gateway.graphql(
      'mutation { ...R r2: revealAlertIdentity(id: "x", purpose: "Checking the photo again") { __typename } } fragment R on Mutation { revealAlertIdentity(id: "x", purpose: "Checking the photo") { __typename } }',
    );
    expect(codesOf(throughFragments.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(requests.calls).toHaveLength(0);
  });

  it('counts the requests an operation sends while it runs, past what the estimate could see', async () => {
    // 30 focal points, each with its own professional: the estimate assumes 20.
    const focalPoints = Array.from({ length: 30 }, (_, i) =>
      create(FocalPointSchema, { id: `f${i}`, country: 'RS', alertKind: AlertKind.UNSPECIFIED, professionalId: `p${i}`, createdAt: timestampFromDate(new Date()) }),
    );
    requests.on(DirectoryRequests.listFocalPoints, () => ({ focalPoints }));
    const { status, body } = await gateway.graphql('{ focalPoints(country: "RS") { id professional { id } } }');
    expect(status).toBe(200);
    expect(requests.calls).toHaveLength(25);
    const refused = (body.errors ?? []).filter((error) => error.extensions?.['code'] === 'TOO_MANY_ROUND_TRIPS');
    expect(refused).toHaveLength(30 - 24);
    expect(refused[0]?.message).toBe('This operation has already sent 25 requests to services, the most one operation may: split it.');
    expect(codesOf(body).every((code) => code === 'TOO_MANY_ROUND_TRIPS')).toBe(true);
  });

  it('lets the inbox and the partner feed be read 100 at a time, as documented', async () => {
    const inbox = await gateway.graphql(
      `{ alertInbox(first: 100) { totalCount pageInfo { hasNextPage endCursor startCursor hasPreviousPage } edges { cursor node { ${EVERY_ALERT_FIELD} } } } }`,
    );
    expect(inbox.body.errors).toBeUndefined();
    // With each alert's thread, it would be 100 more requests: refused before any is sent.
    requests.calls.splice(0);
    const threads = await gateway.graphql(`{ alertInbox(first: 100) { edges { node { id updates { text } } } } }`);
    expect(threads.body.errors?.[0]?.message).toMatch(/^The operation would send up to 101 requests to services/);
    expect(requests.calls).toHaveLength(0);
    const partner = await gateway.token({ sub: 'partner-user', roles: ['partner'], cpx_partner: AGENCY_ID });
    const feed = await gateway.graphql(
      'query($after: String) { partnerFeed(first: 100, after: $after) { edges { cursor node { id type subject countries occurredAt data } } pageInfo { hasNextPage endCursor startCursor hasPreviousPage } } }',
      { token: partner },
    );
    expect(feed.body.errors).toBeUndefined();
  });

  it('bounds introspection too: depth under __ fields, and one __schema per operation', async () => {
    const standard = await post(gateway, JSON.stringify({ query: getIntrospectionQuery() }));
    expect(standard.body.errors).toBeUndefined();

    const ofTypes = `{ __type(name: "Query") { ${'ofType { '.repeat(60)}name${' }'.repeat(60)} } }`;
    const deep = await post(gateway, JSON.stringify({ query: ofTypes }));
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0]?.message).toBe('The operation introspects 62 levels deep; the limit is 15.');

    const whole = getIntrospectionQuery().replace('__schema', 'a0: __schema');
    const schemaQuery = whole.slice(whole.indexOf('{') + 1, whole.lastIndexOf('fragment FullType'));
    const aliased = schemaQuery.slice(0, schemaQuery.lastIndexOf('}'));
    const thirty = `query { ${Array.from({ length: 30 }, (_, i) => aliased.replace('a0:', `a${i}:`)).join(' ')} } ${whole.slice(whole.indexOf('fragment FullType'))}`;
    const many = await post(gateway, JSON.stringify({ query: thirty }));
    expect(many.status).toBe(400);
    expect(many.body.errors?.[0]?.message).toBe('The operation asks for `__schema` 30 times; one operation may ask for it once.');

    // Under data fields the depth counts `__` fields as it counts others.
    const typenames = await gateway.graphql(`{ agency(id: "${AGENCY_ID}") { __typename } }`);
    expect(typenames.body.errors).toBeUndefined();
  });
});

describe('the door: token, sizes and rate limits before the body is read', () => {
  let gateway: TestGateway;
  const requests = new FakeRequests().on(DirectoryRequests.getAgency, () => ({ agency: anAgency() }));

  beforeAll(async () => {
    gateway = await startTestGateway({
      requests,
      env: { RATE_LIMIT_USER_BURST: '5', RATE_LIMIT_USER_PER_SECOND: '1', RATE_LIMIT_ADDRESS_BURST: '1000', GRAPHQL_MAX_DOCUMENT_BYTES: '4096' },
    });
  });
  afterAll(() => gateway.close());

  it('refuses a 6 MB variable without a token from the headers: the answer comes before the body is sent', async () => {
    // Only the first kilobyte of the announced 6 MB is ever sent: a gateway that read the
    // body before checking the token would wait for the rest and never answer.
    const started = performance.now();
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': 6_000_000 } });
      request.on('response', (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body: text });
          request.destroy(); // the rest of the announced body is never sent
        });
      });
      request.on('error', reject);
      request.setTimeout(5_000, () => request.destroy(new Error('no answer before the body was sent')));
      request.write(`{"query":"mutation ($name: String!) { registerAgency(input: { name: $name, type: NGO, country: \\"MD\\" }) { id } }","variables":{"name":"${'y'.repeat(1_000)}`);
    });
    const elapsed = performance.now() - started;
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toEqual({ errors: [{ message: expect.stringMatching(/access token is required/), extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(elapsed).toBeLessThan(1_000);

    // A whole 6 MB body sent anyway is answered the same; and with a bad token, whatever the size.
    const body = JSON.stringify({ query: 'mutation ($name: String!) { registerAgency(input: { name: $name, type: NGO, country: "MD" }) { id } }', variables: { name: 'y'.repeat(6_000_000) } });
    const whole = await post(gateway, body);
    expect([whole.status, codesOf(whole.body)]).toEqual([401, ['UNAUTHENTICATED']]);
    const forged = await post(gateway, body, { authorization: 'Bearer eyJhbGciOiJFUzI1NiJ9.e30.c2ln' });
    expect([forged.status, codesOf(forged.body)]).toEqual([401, ['UNAUTHENTICATED']]);
    expect(requests.calls).toHaveLength(0);
  });

  it('still answers a small request without a token field by field, as UNAUTHENTICATED', async () => {
    const { body } = await gateway.graphql(`{ agency(id: "${AGENCY_ID}") { id } }`, { token: null });
    expect(codesOf(body)).toEqual(['UNAUTHENTICATED']);
  });

  it('measures the operation’s text before parsing it', async () => {
    const token = await gateway.token({ ...TEST_CLAIMS, sub: 'big-document' });
    const { status, body } = await post(gateway, JSON.stringify({ query: `{ ${'__typename '.repeat(500)} }` }), { authorization: `Bearer ${token}` });
    expect(status).toBe(413);
    expect(body).toEqual({ errors: [{ message: "The operation's text is over 4096 bytes, the most one request may hold.", extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('limits each user’s rate, answering RATE_LIMITED with Retry-After; another user is not held back', async () => {
    const token = await gateway.token({ ...TEST_CLAIMS, sub: 'eager-user' });
    const answers = [];
    for (let i = 0; i < 7; i += 1) answers.push(await post(gateway, JSON.stringify({ query: '{ __typename }' }), { authorization: `Bearer ${token}` }));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = answers[5]!;
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body).toEqual({
      errors: [{ message: 'Too many requests from you: try again in 1 s.', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 } }],
    });
    const other = await gateway.token({ ...TEST_CLAIMS, sub: 'calm-user' });
    expect((await post(gateway, JSON.stringify({ query: '{ __typename }' }), { authorization: `Bearer ${other}` })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await post(gateway, JSON.stringify({ query: '{ __typename }' }), { authorization: `Bearer ${token}` })).status).toBe(200);
  });
});

describe('the rate limit per client address', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ env: { RATE_LIMIT_ADDRESS_BURST: '3', RATE_LIMIT_ADDRESS_PER_SECOND: '1' } });
  });
  afterAll(() => gateway.close());

  it('holds whoever the callers claim to be, tokens or none', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i += 1) {
      const token = await gateway.token({ ...TEST_CLAIMS, sub: `user-${i}` });
      statuses.push((await post(gateway, JSON.stringify({ query: '{ __typename }' }), i % 2 ? { authorization: `Bearer ${token}` } : {})).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});
