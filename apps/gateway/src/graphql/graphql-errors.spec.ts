import { GraphQLError } from 'graphql';
import { DirectoryRequests } from '@cpx/contracts';
import { DomainError, ERROR_CODES } from '@cpx/platform';
import { FakeRequests } from '../../test/fake-requests';
import { startTestGateway, type TestGateway } from '../../test/test-gateway';
import { formatGraphqlError, INTERNAL_ERROR_MESSAGE, publicErrorCode } from './graphql-errors';

const AGENCY_ID = '0b5e8f0a-4c1d-4e6a-9f3b-2a7c1d9e8f01';

/** An error as graphql-js hands a resolver's failure to Apollo: located, with the cause inside. */
function fromResolver(cause: unknown): [GraphQLError, GraphQLError] {
  const error = new GraphQLError(cause instanceof Error ? cause.message : String(cause), {
    path: ['agency'],
    originalError: cause as Error,
    extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at secret (/srv/app.js:1:1)'] },
  });
  return [error, error];
}

describe('formatGraphqlError', () => {
  it.each([
    ['BAD_USER_INPUT', 'BAD_USER_INPUT'],
    ['UNAUTHENTICATED', 'UNAUTHENTICATED'],
    ['FORBIDDEN', 'FORBIDDEN'],
    ['NOT_FOUND', 'NOT_FOUND'],
    ['CONFLICT', 'CONFLICT'],
    ['SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE'],
    ['INTERNAL', 'INTERNAL_SERVER_ERROR'],
  ] as const)('maps the DomainError code %s to %s, without a stack trace', (code, expected) => {
    const [error] = fromResolver(new DomainError(code, 'What happened.'));
    const formatted = formatGraphqlError(error.toJSON(), error);
    expect(formatted.extensions).toEqual({ code: expected });
    expect(formatted.path).toEqual(['agency']);
    expect(JSON.stringify(formatted)).not.toMatch(/stacktrace|exception|secret/);
  });

  it('maps every DomainError code onto the public codes', () => {
    expect(new Set(ERROR_CODES.map(publicErrorCode))).toEqual(
      new Set(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']),
    );
  });

  it('names the field at fault', () => {
    const [error] = fromResolver(DomainError.badInput('input.name', 'input.name must not be blank'));
    expect(formatGraphqlError(error.toJSON(), error)).toMatchObject({
      message: 'input.name must not be blank',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.name' },
    });
  });

  it('masks unknown errors and internal ones', () => {
    for (const cause of [new TypeError("Cannot read properties of undefined (reading 'rows') at pg://db:5432"), new DomainError('INTERNAL', 'SQL: relation agencies does not exist')]) {
      const [error] = fromResolver(cause);
      expect(formatGraphqlError(error.toJSON(), error)).toEqual({
        message: INTERNAL_ERROR_MESSAGE,
        path: ['agency'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
    }
  });

  it("keeps Apollo's code for errors in the query itself", () => {
    const error = new GraphQLError('Cannot query field "nope" on type "Query".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['x'] } });
    expect(formatGraphqlError(error.toJSON(), error)).toEqual({
      message: 'Cannot query field "nope" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});

describe('errors over HTTP', () => {
  let gateway: TestGateway;
  const requests = new FakeRequests();

  beforeAll(async () => {
    gateway = await startTestGateway({ requests });
  });
  afterAll(() => gateway.close());

  it.each(['FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'SERVICE_UNAVAILABLE'] as const)('a service refusing with %s reaches the caller with that code', async (code) => {
    requests.on(DirectoryRequests.getAgency, () => {
      throw new DomainError(code, `Refused: ${code}.`);
    });
    const { body } = await gateway.graphql(`{ agency(id: "${AGENCY_ID}") { id } }`);
    expect(body.errors).toEqual([{ message: `Refused: ${code}.`, locations: [{ line: 1, column: 3 }], path: ['agency'], extensions: { code } }]);
    expect(body.data).toEqual({ agency: null });
  });

  it('a fault inside the gateway is "Internal error", with nothing internal', async () => {
    requests.on(DirectoryRequests.getAgency, () => {
      throw new Error('connect ECONNREFUSED 10.0.3.7:5432 at Pool.connect (/srv/node_modules/pg/lib/index.js:1:1)');
    });
    const { body } = await gateway.graphql(`{ agency(id: "${AGENCY_ID}") { id } }`);
    expect(body.errors?.[0]).toEqual({ message: 'Internal error', locations: [{ line: 1, column: 3 }], path: ['agency'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|stacktrace|node_modules/);
  });

  it('a service field path comes back as the argument the caller wrote', async () => {
    requests.on(DirectoryRequests.updateAgency, () => {
      throw DomainError.badInput('languages.languages.1', 'Unknown language.');
    });
    const { body } = await gateway.graphql(`mutation { updateAgency(id: "${AGENCY_ID}", input: { languages: ["sq", "xx"] }) { id } }`);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.languages.1' });
  });

  it('no token is UNAUTHENTICATED, and nothing is sent to a service', async () => {
    const before = requests.calls.length;
    const { body } = await gateway.graphql(`{ agency(id: "${AGENCY_ID}") { id } }`, { token: null });
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(requests.calls).toHaveLength(before);
  });

  it('an expired or forged token is UNAUTHENTICATED', async () => {
    const expired = await gateway.token(undefined, -60);
    expect((await gateway.graphql('{ me { subject } }', { token: expired })).body.errors?.[0]).toMatchObject({
      message: 'The access token has expired.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const [header, payload] = (await gateway.token()).split('.');
    expect((await gateway.graphql('{ me { subject } }', { token: `${header}.${payload}.AAAA` })).body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('parse and validation errors keep their GraphQL codes', async () => {
    expect((await gateway.graphql('{ agency(id: ')).body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
    expect((await gateway.graphql('{ agency { nope } }')).body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });
});
