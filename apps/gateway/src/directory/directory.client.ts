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
import { normalisedPath, TOP_LEVEL, type ArgumentPaths } from '../messaging/argument-paths';

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

