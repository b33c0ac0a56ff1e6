/**
 * The directory as the resolvers see it: RequestClient with the caller's principal, plus
 * one translation. A service names the request field at fault in its own terms
 * (`given_name`, `languages.languages.0`, `page.first`); the caller must see the
 * argument they wrote (`input.givenName`, `input.languages.0`, `first`).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { DescMessage, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import type { RequestOperation } from '@cpx/contracts';
import { DomainError, isDomainError, RequestClient, type Principal } from '@cpx/platform';

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

@Injectable()
export class DirectoryClient {
  constructor(@Inject(RequestClient) private readonly requests: RequestClient) {}

  async send<Req extends DescMessage, Res extends DescMessage>(
    operation: RequestOperation<Req, Res>,
    request: MessageInitShape<Req>,
    principal: Principal,
    paths: ArgumentPaths = TOP_LEVEL,
  ): Promise<MessageShape<Res>> {
    try {
      return await this.requests.send(operation, request, principal);
    } catch (error) {
      if (isDomainError(error) && error.field) {
        throw new DomainError(error.code, error.message, paths(normalisedPath(error.field)));
      }
      throw error;
    }
  }
}

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
