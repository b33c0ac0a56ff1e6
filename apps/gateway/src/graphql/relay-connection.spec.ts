import { decodeCursor, DomainError, encodeCursor } from '@cpx/platform';
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
    expect(connection.pageInfo).toEqual({ hasNextPage: true, endCursor: connection.edges[2]!.cursor });
    expect(connection.totalCount).toBe(42);
  });

  it('resumes after a middle edge by re-reading its page and skipping what was seen', () => {
    const window = pageWindow(2, encodeCursor(['S1', 1]));
    expect(window).toEqual({ page: { first: 3, after: 'S1' }, skip: 1 });
    const connection = connectionFrom(page(['d', 'e', 'f'], 'S2', false), window, (item) => item);
    expect(connection.edges.map((edge) => edge.node)).toEqual(['e', 'f']);
    expect(decodeCursor(connection.edges[0]!.cursor)).toEqual(['S1', 2]);
    expect(connection.pageInfo.hasNextPage).toBe(false);
  });

  it('never asks for more than the service page limit', () => {
    expect(pageWindow(100, encodeCursor(['S', 99]))).toEqual({ page: { first: 100, after: 'S' }, skip: 99 });
  });

  it('answers an empty page with no end cursor', () => {
    expect(connectionFrom(page([], '', false), pageWindow(undefined, undefined), (item) => item).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });

  it.each(['garbage', encodeCursor(['S', 100]), encodeCursor(['S', -1]), encodeCursor([1, 2]), encodeCursor(['S', 1, 'x'])])(
    'refuses a cursor it did not issue (%s) as BAD_USER_INPUT on `after`',
    (cursor) => {
      expect(() => pageWindow(10, cursor)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }) as DomainError);
    },
  );
});
