/**
 * A service as the resolvers see it: the gateway's RequestClient (counting round trips)
 * with the caller's principal, plus one translation: a coded failure that names a field
 * names it as the caller wrote it (argument-paths.ts). One class for every service behind
 * the gateway; which service answers is the operation's (`DirectoryRequests.x`, ...).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { DescMessage, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import type { RequestOperation } from '@cpx/contracts';
import { DomainError, isDomainError, RequestClient, type Principal } from '@cpx/platform';
import { normalisedPath, TOP_LEVEL, type ArgumentPaths } from './argument-paths';

@Injectable()
export class ServiceClient {
  constructor(@Inject(RequestClient) private readonly requests: Pick<RequestClient, 'send'>) {}

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
