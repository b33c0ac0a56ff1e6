/** A plain GraphQL-over-HTTP client, as a partner's or a browser's would be: no SDK magic. */
export interface GraphQLResponse<T = Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any -- test data is read loosely
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string; [key: string]: unknown } }[];
}

export async function graphql<T = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any -- test data is read loosely
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/** The error codes of a response, for `expect(codes(response)).toEqual(['FORBIDDEN'])`. */
export function codes(response: GraphQLResponse): string[] {
  return (response.errors ?? []).map((error) => error.extensions?.code ?? 'NO_CODE');
}
