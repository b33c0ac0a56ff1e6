/**
 * Relay connections (`edges { cursor node }`, `pageInfo`, `totalCount`, args `first` and
 * `after`) on top of the services' keyset pages.
 *
 * A service returns one cursor per page (the key of its last row), but Relay gives every
 * edge a cursor. So a gateway cursor is the pair (service cursor, rows to skip after it):
 * the last edge of a page carries the service's own end cursor and skips nothing; an edge
 * in the middle carries the cursor the page was fetched with and its offset. Resuming
 * from a middle edge re-reads from the page start and drops the skipped rows. A window
 * never exceeds the service's page limit, so an offset stays below it too.
 */
import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { decodeCursor, DEFAULT_PAGE_SIZE, DomainError, encodeCursor, MAX_PAGE_SIZE } from '@cpx/platform';

@ObjectType('PageInfo', { description: 'Relay page information. Paging is forward only: `first` and `after`.' })
export class PageInfoObject {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the last edge; pass it as `after` for the next page.' })
  endCursor!: string | null;

  @Field(() => Boolean, { description: 'Whether nodes come before this page: true when it was asked for `after` a cursor.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the first edge; null when the page is empty.' })
  startCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfoObject;
  totalCount: number;
}

/** Declares `<Name>Connection` and `<Name>Edge` for a node type. */
export function ConnectionType<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeObject implements Edge<T> {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionObject implements Connection<T> {
    @Field(() => [EdgeObject])
    edges!: Edge<T>[];

    @Field(() => PageInfoObject)
    pageInfo!: PageInfoObject;

    @Field(() => Int, { description: 'How many nodes match, over all pages.' })
    totalCount!: number;
  }
  return ConnectionObject as unknown as Type<Connection<T>>;
}

/** What to ask the service for, and how many of its rows to drop. */
export interface PageWindow {
  page: { first: number; after: string };
  skip: number;
}

export function pageWindow(first: number | undefined | null, after: string | undefined | null): PageWindow {
  const [serviceAfter, skip] = after ? decodeGatewayCursor(after) : ['', 0];
  const wanted = first ?? DEFAULT_PAGE_SIZE;
  return { page: { first: Math.min(MAX_PAGE_SIZE, skip + wanted), after: serviceAfter }, skip };
}

export function connectionFrom<S, T>(
  response: { items: S[]; endCursor: string; hasNextPage: boolean; totalCount: number },
  window: PageWindow,
  toNode: (item: S) => T,
): Connection<T> {
  const items = response.items.slice(window.skip);
  const edges = items.map((item, index) => {
    const last = index === items.length - 1;
    const cursor =
      last && response.endCursor
        ? encodeCursor([response.endCursor, 0])
        : encodeCursor([window.page.after, window.skip + index + 1]);
    return { cursor, node: toNode(item) };
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: response.hasNextPage,
      endCursor: edges.at(-1)?.cursor ?? null,
      // Every cursor this API issues points at a node, so a page after one has that node
      // before it; a window with no service cursor and nothing to skip is the first page.
      hasPreviousPage: window.page.after !== '' || window.skip > 0,
      startCursor: edges[0]?.cursor ?? null,
    },
    totalCount: response.totalCount,
  };
}

function decodeGatewayCursor(cursor: string): [string, number] {
  const [serviceCursor, skip, ...rest] = decodeCursor(cursor, 'after');
  if (typeof serviceCursor !== 'string' || typeof skip !== 'number' || !Number.isInteger(skip) || skip < 0 || skip >= MAX_PAGE_SIZE || rest.length > 0) {
    throw DomainError.badInput('after', 'The cursor is not one this API issued.');
  }
  return [serviceCursor, skip];
}
