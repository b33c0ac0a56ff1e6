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
import { queryPrepared, type ReceivedEvent } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import { notifyDeliveriesDue } from '../delivery/deliveries-due';
import type { WebhookPayloadMode } from '../delivery/domain/webhook-payload';
import { matches } from './domain/event-filter';
import { thinEvent } from './domain/thin-event';

/**
 * Taken for the rest of the transaction by every writer of feed_event: sequences are drawn
 * and committed one writer at a time, so a reader paging by sequence never passes over a
 * row that commits later with a smaller number.
 */
export const FEED_APPEND_LOCK = 7_201_300;

/**
 * Waits until the event being recorded, if any, has committed, and holds back the next
 * until the caller's transaction ends. Enabling an endpoint takes it (endpoint-enabling.ts):
 * see unparkIfEnabledMeanwhile.
 */
export async function holdFeedAppends(tx: EntityManager): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock($1)`, [FEED_APPEND_LOCK]);
}

interface SubscriptionRow {
  id: string;
  event_types: string[];
  countries: string[];
  enabled: boolean;
  payload_mode: WebhookPayloadMode;
}

@Injectable()
export class RecordFeedEventUseCase {
  async execute(event: ReceivedEvent, tx: EntityManager): Promise<void> {
    const thin = thinEvent(event);
    if (thin.agency) {
      await queryPrepared(
        tx,
        `INSERT INTO replica_agency_country (agency_id, country, source_version) VALUES ($1, $2, $3)
         ON CONFLICT (agency_id) DO UPDATE SET country = $2, source_version = $3
         WHERE replica_agency_country.source_version <= $3`,
        [thin.agency.id, thin.agency.country, thin.agency.version.toString()],
      );
    }
    let countries = thin.countries;
    if (thin.countryOfAgency) {
      const rows = await queryPrepared<{ country: string }>(tx, `SELECT country FROM replica_agency_country WHERE agency_id::text = $1`, [thin.countryOfAgency]);
      countries = rows.map((row) => row.country);
      if (countries.length > 0) thin.data['country'] = countries[0];
    }

    // Everything that does not need the event's sequence comes before the append lock:
    // every writer waits for it, so it is held for one statement and the commit only.
    const subscriptions = await queryPrepared<SubscriptionRow>(
      tx,
      `SELECT id, event_types, countries, enabled, payload_mode FROM subscription
       WHERE deleted_at IS NULL AND webhook_url IS NOT NULL`,
      [],
    );
    const wanted = subscriptions
      .filter((subscription) => matches({ eventTypes: subscription.event_types, countries: subscription.countries }, { type: event.type, countries }))
      .map((subscription) => ({ ...subscription, deliveryId: randomUUID() }));
    // Sent at commit, so it is as good here as after the inserts.
    if (wanted.some((subscription) => subscription.enabled)) await notifyDeliveriesDue(tx);

    // One statement: the lock, then the feed row (its sequence drawn under the lock), then
    // a delivery per wanted subscription. An event already in the feed inserts nothing.
    await queryPrepared(
      tx,
      `WITH append_lock AS (SELECT pg_advisory_xact_lock($1)),
       appended AS (
         INSERT INTO feed_event (source, event_id, type, subject, countries, occurred_at, data)
         SELECT $2, $3, $4, $5, $6, $7, $8 FROM append_lock
         ON CONFLICT (source, event_id) DO NOTHING RETURNING sequence
       )
       INSERT INTO webhook_delivery (id, subscription_id, sequence, state, next_attempt_at, payload_mode)
       SELECT wanted.id, wanted.subscription_id, appended.sequence, wanted.state, now(), wanted.payload_mode
       FROM appended CROSS JOIN unnest($9::uuid[], $10::uuid[], $11::text[], $12::text[]) AS wanted(id, subscription_id, state, payload_mode)`,
      [
        FEED_APPEND_LOCK,
        event.attributes.source,
        event.attributes.id,
        event.type,
        event.attributes.subject,
        countries,
        event.attributes.time,
        JSON.stringify({ id: event.attributes.id, subject: event.attributes.subject, countries, ...thin.data }),
        wanted.map((subscription) => subscription.deliveryId),
        wanted.map((subscription) => subscription.id),
        wanted.map((subscription) => (subscription.enabled ? 'PENDING' : 'PARKED')),
        wanted.map((subscription) => subscription.payload_mode),
      ],
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
 * (holdFeedAppends): whichever of the two commits first, the other sees its rows, and
 * no delivery stays parked for an enabled endpoint. Only events that a disabled
 * endpoint wants pay for this statement. A delivery released here is attempted as any
 * new one, possibly before older ones still queued by the release.
 */
async function unparkIfEnabledMeanwhile(tx: EntityManager, deliveryIds: string[]): Promise<void> {
  const released = await queryPrepared<{ id: string }>(
    tx,
    `UPDATE webhook_delivery d SET state = 'PENDING'
     FROM subscription s
     WHERE d.id = ANY($1::uuid[]) AND d.state = 'PARKED' AND s.id = d.subscription_id AND s.enabled AND s.deleted_at IS NULL
     RETURNING d.id`,
    [deliveryIds],
  );
  if (released.length > 0) await notifyDeliveriesDue(tx);
}
