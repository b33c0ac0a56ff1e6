/**
 * `alertChanged`: new and changed alerts, live over graphql-ws, to the subscribers in
 * each change's audience and to nobody else. The socket was authenticated at
 * `connection_init` and the guard ran for this operation. The alerts service is asked
 * whether the subscriber may follow alerts before the subscription opens and every
 * LIVE_ACCESS_RECHECK_MS while it runs (the token cannot say that a professional has been
 * suspended since it was issued); it ends on a refusal, or when the token expires.
 */
import { Inject } from '@nestjs/common';
import { Context, Resolver, Subscription } from '@nestjs/graphql';
import { AlertsRequests } from '@cpx/contracts';
import { DomainError, isDomainError, type Principal } from '@cpx/platform';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { GatewayConfig } from '../../config/gateway.config';
import { ServiceClient } from '../../messaging/service.client';
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
  constructor(
    private readonly changes: AlertChanges,
    private readonly alerts: ServiceClient,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  @Subscription(() => AlertChangeObject, {
    description:
      'New and changed alerts you may see: ids and facts only. For verified professionals and regional attachés. Ends when your access token expires (subscribe again with a fresh one) or when you may no longer follow alerts.',
    resolve: changeOrRefusal,
  })
  async alertChanged(@CurrentPrincipal() principal: Principal, @Context() context: GatewayContext): Promise<AsyncIterableIterator<AlertChangeObject>> {
    // The guard has verified it already; its absence would be a programming error.
    if (!context.authentication) throw DomainError.unauthenticated();
    const { expiresAt } = await context.authentication;
    await this.alerts.send(AlertsRequests.checkLiveAccess, {}, principal);
    const stillAllowed = async () => {
      try {
        await this.alerts.send(AlertsRequests.checkLiveAccess, {}, principal);
        return true;
      } catch (error) {
        // Only a refusal ends the subscription: an outage of the alerts service must not
        // cut every professional's live alerts at once.
        if (isDomainError(error) && (error.code === 'FORBIDDEN' || error.code === 'UNAUTHENTICATED')) return false;
        throw error;
      }
    };
    return this.changes.listen(principal, { until: expiresAt, recheck: { everyMs: this.config.LIVE_ACCESS_RECHECK_MS, stillAllowed } });
  }
}
