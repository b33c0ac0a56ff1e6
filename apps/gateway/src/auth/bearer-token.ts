/** Reads `Bearer <token>` from an Authorization header (HTTP) or connection_init payload (graphql-ws). */
export function bearerToken(authorization: unknown): string | undefined {
  if (typeof authorization !== 'string') return undefined;
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(authorization);
  return match?.[1];
}
