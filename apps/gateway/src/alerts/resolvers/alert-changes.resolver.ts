/**
 * `alertChanged`: new and changed alerts, live over graphql-ws, to the subscribers in
 * each change's audience and to nobody else. The socket was authenticated at
 * `connection_init` and the guard ran for this operation; the subscription ends when the
 * token that authenticated it expires.
 */
import { Context, Resolver, Subscription } from '@nestjs/graphql';
import { DomainError, type Principal } from '@cpx/platform';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { GatewayContext } from '../../graphql/gateway-context';
import { GRAPHQL_PATH } from '../../graphql/graphql.options';
import { AlertChanges } from '../live/alert-changes';
import { AlertChangeObject } from '../types/alert-change.type';

/**
 * Apollo runs a subscription sent over HTTP as if it were a query: the field is resolved
 * once, with no change behind it. Say where subscriptions are served instead of failing
 * as an internal error.
 */
export function changeOrRefusal(change: AlertChangeObject | undefined): AlertChangeObject {
  if (!change) {
    throw new DomainError('BAD_USER_INPUT', `Subscriptions are served over WebSocket at ${GRAPHQL_PATH}, with the graphql-transport-ws protocol.`);
  }
  return change;
}

@Resolver(() => AlertChangeObject)
export class AlertChangesResolver {
  constructor(private readonly changes: AlertChanges) {}

  @Subscription(() => AlertChangeObject, {
    description: 'New and changed alerts you may see: ids and facts only. Ends when your access token expires; subscribe again with a fresh one.',
    resolve: changeOrRefusal,
  })
  async alertChanged(@CurrentPrincipal() principal: Principal, @Context() context: GatewayContext): Promise<AsyncIterableIterator<AlertChangeObject>> {
    // The guard has verified it already; its absence would be a programming error.
    if (!context.authentication) throw DomainError.unauthenticated();
    const { expiresAt } = await context.authentication;
    return this.changes.listen(principal, { until: expiresAt });
  }
}
