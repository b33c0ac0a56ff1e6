/**
 * One domain event in: its redacted form appended to the feed, then one webhook delivery
 * per matching subscription, all in the inbox's transaction (so a redelivered event is
 * neither recorded nor delivered twice). Delivery itself happens later, from Postgres,
 * by the delivery workers: a slow endpoint never holds up this consumer.
 *
 * A subscription whose endpoint is disabled gets its delivery too, PARKED: nothing is
 * attempted until the endpoint is enabled again, which queues what was parked
 * (delivery/endpoint-enabling.ts). Each delivery carries its subscription's payload mode
 * as it is now, so that a later change of mode never changes its body.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ReceivedEvent } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import { notifyDeliveriesDue } from '../delivery/delivery.store';
import { webhookSubscriptions } from '../partners/subscription.store';
import { matches } from './domain/event-filter';
import { thinEvent } from './domain/thin-event';
import { agencyCountries, appendFeedEvent, releaseParkedOfEnabledEndpoints, upsertAgencyCountry } from './feed.store';

@Injectable()
export class RecordFeedEventUseCase {
  async execute(event: ReceivedEvent, tx: EntityManager): Promise<void> {
    const thin = thinEvent(event);
    if (thin.agency) await upsertAgencyCountry(tx, thin.agency);
    let countries = thin.countries;
    if (thin.countryOfAgency) {
      countries = await agencyCountries(tx, thin.countryOfAgency);
      if (countries.length > 0) thin.data['country'] = countries[0];
    }

    // Everything that does not need the event's sequence comes before the append lock:
    // every writer waits for it, so it is held for one statement and the commit only.
    const subscriptions = await webhookSubscriptions(tx);
    const wanted = subscriptions
      .filter((subscription) => matches({ eventTypes: subscription.eventTypes, countries: subscription.countries }, { type: event.type, countries }))
      .map((subscription) => ({ ...subscription, deliveryId: randomUUID() }));
    // Sent at commit, so it is as good here as after the inserts.
    if (wanted.some((subscription) => subscription.enabled)) await notifyDeliveriesDue(tx);

    // The feed row (its sequence drawn under the append lock), then a delivery per wanted
    // subscription, in one statement. An event already in the feed inserts nothing.
    await appendFeedEvent(
      tx,
      {
        source: event.attributes.source,
        eventId: event.attributes.id,
        type: event.type,
        subject: event.attributes.subject,
        countries,
        occurredAt: event.attributes.time,
        data: JSON.stringify({ id: event.attributes.id, subject: event.attributes.subject, countries, ...thin.data }),
      },
      wanted.map((subscription) => ({
        id: subscription.deliveryId,
        subscriptionId: subscription.id,
        state: subscription.enabled ? 'PENDING' : 'PARKED',
        payloadMode: subscription.payloadMode,
      })),
    );
    const parked = wanted.filter((subscription) => !subscription.enabled).map((subscription) => subscription.deliveryId);
    if (parked.length > 0) await unparkIfEnabledMeanwhile(tx, parked);
  }
}

/**
 * Whether an endpoint is disabled was read before the append lock, so it may be stale: an
 * endpoint enabled since then has released what was parked for it, and would not see a
 * delivery parked here after that. So, still under the lock, those deliveries are looked
 * at again, by a statement that sees every commit so far. Enabling takes the append lock
 * before it commits and releases again what committed parked meanwhile
 * (feed.store.ts, holdFeedAppends): whichever of the two commits first, the other sees its rows, and
 * no delivery stays parked for an enabled endpoint. Only events that a disabled
 * endpoint wants pay for this statement. A delivery released here is attempted as any
 * new one, possibly before older ones still queued by the release.
 */
async function unparkIfEnabledMeanwhile(tx: EntityManager, deliveryIds: string[]): Promise<void> {
  if ((await releaseParkedOfEnabledEndpoints(tx, deliveryIds)) > 0) await notifyDeliveriesDue(tx);
}
