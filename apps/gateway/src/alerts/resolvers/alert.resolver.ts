/**
 * Reading alerts: one alert with its update thread, a filtered list, and my inbox. An
 * alert read from a list has no thread yet; `updates` fetches it when asked, once per
 * alert per operation, and is priced like the lookup it is.
 */
import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AlertsRequests } from '@cpx/contracts';
import type { Principal } from '@cpx/platform';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { GatewayContext } from '../../graphql/gateway-context';
import { connectionComplexity, serviceLookup } from '../../graphql/query-limits';
import { connectionFrom, pageWindow } from '../../graphql/relay-connection';
import { SEARCH } from '../../messaging/argument-paths';
import { ServiceClient } from '../../messaging/service.client';
import { AlertIdArgs, AlertPageArgs, AlertSearchArgs } from '../inputs/alert-args.input';
import { alertFilterToProto, toAlert, toAlertUpdate } from '../mappers/alert.mapper';
import { required } from '../../graphql/proto-values';
import { AlertObject } from '../types/alert.type';
import { AlertUpdateObject } from '../types/alert-update.type';
import { AlertConnection } from '../types/connections.type';

/** A thread fetched for an alert costs a Kafka round trip, and is assumed this long. */
const ASSUMED_THREAD_LENGTH = 20;
export const threadComplexity = serviceLookup(ASSUMED_THREAD_LENGTH);

@Resolver(() => AlertObject)
export class AlertResolver {
  private readonly threads = new WeakMap<GatewayContext, Map<string, Promise<AlertUpdateObject[]>>>();

  constructor(private readonly service: ServiceClient) {}

  @Query(() => AlertObject, { nullable: true, description: 'One alert with its update thread: FORBIDDEN if it was not sent to you or your agency, NOT_FOUND if there is none.' })
  async alert(@Args() { id }: AlertIdArgs, @CurrentPrincipal() principal: Principal): Promise<AlertObject> {
    const { alert, updates } = await this.service.send(AlertsRequests.getAlert, { id }, principal);
    return toAlert(required(alert, 'alert'), updates);
  }

  @Query(() => AlertConnection, { complexity: connectionComplexity, description: 'The alerts you may see, newest first.' })
  async alerts(@Args() { filter, first, after }: AlertSearchArgs, @CurrentPrincipal() principal: Principal): Promise<AlertConnection> {
    const window = pageWindow(first, after);
    const page = await this.service.send(AlertsRequests.searchAlerts, { filter: alertFilterToProto(filter), page: window.page }, principal, SEARCH);
    return connectionFrom(page, window, (alert) => toAlert(alert));
  }

  @Query(() => AlertConnection, {
    complexity: connectionComplexity,
    description: "Alerts awaiting your country's acknowledgement, overdue first.",
  })
  async alertInbox(@Args() { first, after }: AlertPageArgs, @CurrentPrincipal() principal: Principal): Promise<AlertConnection> {
    const window = pageWindow(first, after);
    const page = await this.service.send(AlertsRequests.getInbox, { page: window.page }, principal, SEARCH);
    return connectionFrom(page, window, (alert) => toAlert(alert));
  }

  @ResolveField('updates', () => [AlertUpdateObject], { complexity: threadComplexity, description: 'The update thread, oldest first.' })
  updates(@Parent() alert: AlertObject, @Context() context: GatewayContext, @CurrentPrincipal() principal: Principal): Promise<AlertUpdateObject[]> {
    if (alert.loadedUpdates) return Promise.resolve(alert.loadedUpdates);
    let byId = this.threads.get(context);
    if (!byId) this.threads.set(context, (byId = new Map()));
    let thread = byId.get(alert.id);
    if (!thread) {
      thread = this.service.send(AlertsRequests.getAlert, { id: alert.id }, principal).then(({ updates }) => updates.map(toAlertUpdate));
      byId.set(alert.id, thread);
    }
    return thread;
  }
}
