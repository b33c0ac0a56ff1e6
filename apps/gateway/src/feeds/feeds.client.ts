/**
 * The feeds service as the resolvers see it: RequestClient with the caller's principal,
 * the service's field names (`page.first`, `partnerId`) given back as the caller wrote
 * them. The partner defaults to the caller's own (a partner user's `cpx_partner` claim).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { DescMessage, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import type { RequestOperation } from '@cpx/contracts';
import { DomainError, isDomainError, RequestClient, type Principal } from '@cpx/platform';
import { normalisedPath, TOP_LEVEL, type ArgumentPaths } from '../messaging/argument-paths';

@Injectable()
export class FeedsClient {
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

/** The partner a query is about: the one named, else the caller's own. */
export function partnerOf(partnerId: string | null | undefined, principal: Principal): string {
  const id = partnerId ?? principal.partnerId;
  if (!id) throw DomainError.badInput('partnerId', 'partnerId is required unless you are a partner user.');
  return id;
}
