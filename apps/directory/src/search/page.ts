/** One page of a keyset-paginated search, as both searches answer it. */
export interface Page<T> {
  items: T[];
  endCursor: string;
  hasNextPage: boolean;
  totalCount: number;
}
