/**
 * A service names the request field at fault in its own terms (`given_name`,
 * `languages.languages.0`, `page.first`); the caller must see the argument they wrote
 * (`input.givenName`, `input.languages.0`, `first`). ServiceClient applies one of these
 * to every coded failure that names a field.
 */

/** Maps a service's field path (already camel-cased) to the GraphQL argument path. */
export type ArgumentPaths = (servicePath: string) => string;

/** Arguments at the top level: `verifyProfessional(id, expectedVersion)`. */
export const TOP_LEVEL: ArgumentPaths = (path) => path;

/** Everything under `input`, except the named top-level arguments: `updateAgency(id, input)`. */
export function underInput(...topLevel: string[]): ArgumentPaths {
  return (path) => (topLevel.includes(path.split('.')[0] ?? '') ? path : `input.${path}`);
}

/** Searches: `filter.*` stays, the page's fields are the connection arguments. */
export const SEARCH: ArgumentPaths = (path) => path.replace(/^page\.(first|after)\b/, '$1');

/**
 * `input.given_name` -> `givenName`; `languages.languages.0` -> `languages.0` (the
 * LanguageList wrapper of partial updates is not part of the GraphQL input);
 * `contacts[0].value` -> `contacts.0.value`.
 */
export function normalisedPath(field: string): string {
  const segments = field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((segment) => segment.length > 0)
    .map((segment) => segment.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase()));
  if (segments[0] === 'input') segments.shift();
  return segments.filter((segment, index) => segment !== segments[index - 1] || /^\d+$/.test(segment)).join('.');
}
