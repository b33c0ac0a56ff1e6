/**
 * The alerts service as the resolvers see it: RequestClient with the caller's principal,
 * and the service's field names (`child.given_names.0`, `page.first`) translated to the
 * arguments the caller wrote (`input.child.givenNames.0`, `first`), as the directory's
 * client does.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { DescMessage, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import type { RequestOperation } from '@cpx/contracts';
import { DomainError, isDomainError, RequestClient, type Principal } from '@cpx/platform';
import { normalisedPath, TOP_LEVEL, type ArgumentPaths } from '../messaging/argument-paths';

/** `alertIdentityReads(alertId)`: the service calls the alert `id`. */
export const IDENTITY_READS: ArgumentPaths = (path) => (path === 'id' ? 'alertId' : path);

@Injectable()
export class AlertsClient {
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
