import { FeedsRequests } from '@cpx/contracts';
import { decodeCursor, DomainError, encodeCursor } from '@cpx/platform';
import { FakeRequests } from '../../test/fake-requests';
import { startTestGateway, type TestGateway } from '../../test/test-gateway';
import { connectionFrom, pageWindow } from './relay-connection';

const page = (items: string[], endCursor: string, hasNextPage: boolean) => ({ items, endCursor, hasNextPage, totalCount: 42 });

describe('Relay connections over keyset pages', () => {
  it('asks the service for the first page and gives the last edge the service cursor', () => {
    const window = pageWindow(3, undefined);
    expect(window).toEqual({ page: { first: 3, after: '' }, skip: 0 });
    const connection = connectionFrom(page(['a', 'b', 'c'], 'S1', true), window, (item) => item.toUpperCase());
    expect(connection.edges.map((edge) => edge.node)).toEqual(['A', 'B', 'C']);
    expect(connection.edges.map((edge) => decodeCursor(edge.cursor))).toEqual([
      ['', 1],
      ['', 2],
      ['S1', 0],
    ]);
    expect(connection.pageInfo).toEqual({
      hasNextPage: true,
      endCursor: connection.edges[2]!.cursor,
      hasPreviousPage: false,
      startCursor: connection.edges[0]!.cursor,
    });
    expect(connection.totalCount).toBe(42);
  });

  it('resumes after a middle edge by re-reading its page and skipping what was seen', () => {
    const window = pageWindow(2, encodeCursor(['S1', 1]));
    expect(window).toEqual({ page: { first: 3, after: 'S1' }, skip: 1 });
    const connection = connectionFrom(page(['d', 'e', 'f'], 'S2', false), window, (item) => item);
    expect(connection.edges.map((edge) => edge.node)).toEqual(['e', 'f']);
    expect(decodeCursor(connection.edges[0]!.cursor)).toEqual(['S1', 2]);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true, startCursor: connection.edges[0]!.cursor });
  });

  it('has a previous page after any cursor it issued: the end of a page, or an edge of the first page', () => {
    const afterEnd = connectionFrom(page(['d'], 'S2', false), pageWindow(1, encodeCursor(['S1', 0])), (item) => item);
    expect(afterEnd.pageInfo).toMatchObject({ hasPreviousPage: true, startCursor: afterEnd.edges[0]!.cursor });
    const afterFirstEdge = connectionFrom(page(['a', 'b'], 'S1', true), pageWindow(1, encodeCursor(['', 1])), (item) => item);
    expect(afterFirstEdge.edges.map((edge) => edge.node)).toEqual(['b']);
    expect(afterFirstEdge.pageInfo.hasPreviousPage).toBe(true);
  });

  it('never asks for more than the service page limit', () => {
    expect(pageWindow(100, encodeCursor(['S', 99]))).toEqual({ page: { first: 100, after: 'S' }, skip: 99 });
  });

  it('answers an empty page with no start or end cursor', () => {
    expect(connectionFrom(page([], '', false), pageWindow(undefined, undefined), (item) => item).pageInfo).toEqual({
      hasNextPage: false,
      endCursor: null,
      hasPreviousPage: false,
      startCursor: null,
    });
  });

  it.each(['garbage', encodeCursor(['S', 100]), encodeCursor(['S', -1]), encodeCursor([1, 2]), encodeCursor(['S', 1, 'x'])])(
    'refuses a cursor it did not issue (%s) as BAD_USER_INPUT on `after`',
    (cursor) => {
      expect(() => pageWindow(10, cursor)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }) as DomainError);
    },
  );
});

describe('PageInfo as served', () => {
  let gateway: TestGateway;
  const requests = new FakeRequests();

  beforeAll(async () => {
    gateway = await startTestGateway({ requests });
  });
  afterAll(() => gateway.close());

  // The feeds' connections build their PageInfo themselves: as truthfully as the directory's.
  it('answers startCursor and hasPreviousPage for the partner feed as for every connection', async () => {
    requests.on(FeedsRequests.getPartnerFeed, () => ({ items: [], endCursor: 'c-6', hasNextPage: false }));
    const token = await gateway.token({ sub: 'unicef-admin', roles: ['partner'], cpx_partner: '5f0c7a52-4e7c-4d8e-9f43-2a8c1b1e9d11' });
    const { body } = await gateway.graphql('query { partnerFeed(first: 1, after: "c-6") { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }', { token });
    expect(body).toEqual({ data: { partnerFeed: { pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: 'c-6' } } } });
  });
});
