import { buildSchema, parse, validate } from 'graphql';
import { DirectoryRequests } from '@cpx/contracts';
import { FakeRequests } from '../../test/fake-requests';
import { startTestGateway, type TestGateway } from '../../test/test-gateway';
import { maxDepthRule } from './query-limits';

describe('maxDepthRule', () => {
  const schema = buildSchema('type Node { child: Node, name: String } type Query { node: Node }');

  function depthErrors(query: string, max: number): string[] {
    return validate(schema, parse(query), [maxDepthRule(max)]).map((error) => error.message);
  }

  it('counts fields through fragments, __typename too, and introspection against its own limit', () => {
    expect(depthErrors('{ node { child { name } } }', 3)).toEqual([]);
    expect(depthErrors('{ node { child { child { name } } } }', 3)).toEqual(['The operation is nested 4 levels deep; the limit is 3.']);
    expect(depthErrors('query Deep { node { ...F } } fragment F on Node { child { child { name } } }', 3)).toEqual([
      "The operation 'Deep' is nested 4 levels deep; the limit is 3.",
    ]);
    expect(depthErrors('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }', 3)).toEqual([]);
    expect(depthErrors('{ node { child { __typename } } }', 2)).toEqual(['The operation is nested 3 levels deep; the limit is 2.']);
    const ofTypes = `{ __schema { types { ${'ofType { '.repeat(20)}name${' }'.repeat(20)} } } }`;
    expect(depthErrors(ofTypes, 3)).toEqual(['The operation introspects 23 levels deep; the limit is 15.']);
  });

  it('stays fast on fragments that fan out exponentially', () => {
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Node { child { ...F${i + 1} } name ...F${i + 1} }`).join(' ');
    const started = Date.now();
    expect(depthErrors(`{ node { ...F0 } } ${fragments} fragment F40 on Node { name }`, 8)).toEqual([
      'The operation is nested 42 levels deep; the limit is 8.',
    ]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('query limits over HTTP', () => {
  let gateway: TestGateway;
  const requests = new FakeRequests().on(DirectoryRequests.listFocalPoints, () => ({ focalPoints: [] }));

  beforeAll(async () => {
    gateway = await startTestGateway({ requests, env: { GRAPHQL_MAX_DEPTH: '4', GRAPHQL_MAX_COMPLEXITY: '500' } });
  });
  afterAll(() => gateway.close());

  it('rejects a query nested too deep before running anything', async () => {
    const { status, body } = await gateway.graphql('{ focalPoints { professional { agency { name } contacts { value } } } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();

    const deep = await gateway.graphql('{ professionals { edges { node { agency { name } } } } }');
    expect(deep.status).toBe(400);
    expect(deep.body.errors).toEqual([
      expect.objectContaining({ message: 'The operation is nested 5 levels deep; the limit is 4.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    ]);
  });

  it('rejects a query that costs too much, counting `first` and variables', async () => {
    const query = 'query ($n: Int) { agencies(first: $n) { edges { node { id name country languages } } } }';
    requests.on(DirectoryRequests.searchAgencies, () => ({ items: [], totalCount: 0 }));
    const cheap = await gateway.graphql(query, { variables: { n: 5 } });
    expect(cheap.body).toEqual({ data: { agencies: { edges: [] } } });

    const costly = await gateway.graphql(query, { variables: { n: 100 } });
    expect(costly.status).toBe(400);
    expect(costly.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^The operation costs \d+, more than the limit of 500\./),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    ]);
    expect(requests.calls.filter((call) => call.operation === DirectoryRequests.searchAgencies.name)).toHaveLength(1);
  });
});
