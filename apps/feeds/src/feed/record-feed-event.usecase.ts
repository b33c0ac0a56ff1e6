/**
 * One domain event in: its redacted form appended to the feed, then one webhook delivery
 * per matching subscription, all in the inbox's transaction (so a redelivered event is
 * neither recorded nor delivered twice). Delivery itself happens later, from Postgres,
 * by the delivery workers: a slow endpoint never holds up this consumer.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { queryPrepared, type ReceivedEvent } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import { notifyDeliveriesDue } from '../delivery/deliveries-due';
import { matches } from './domain/event-filter';
import { thinEvent } from './domain/thin-event';

/**
 * Taken for the rest of the transaction by every writer of feed_event: sequences are drawn
 * and committed one writer at a time, so a reader paging by sequence never passes over a
 * row that commits later with a smaller number.
 */
export const FEED_APPEND_LOCK = 7_201_300;

interface SubscriptionRow {
  id: string;
  event_types: string[];
  countries: string[];
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
      `SELECT id, event_types, countries FROM subscription
       WHERE enabled AND deleted_at IS NULL AND webhook_url IS NOT NULL`,
      [],
    );
    const wanted = subscriptions.filter((subscription) =>
      matches({ eventTypes: subscription.event_types, countries: subscription.countries }, { type: event.type, countries }),
    );
    // Sent at commit, so it is as good here as after the inserts.
    if (wanted.length > 0) await notifyDeliveriesDue(tx);

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
       INSERT INTO webhook_delivery (id, subscription_id, sequence, state, next_attempt_at)
       SELECT wanted.id, wanted.subscription_id, appended.sequence, 'PENDING', now()
       FROM appended CROSS JOIN unnest($9::uuid[], $10::uuid[]) AS wanted(id, subscription_id)`,
      [
        FEED_APPEND_LOCK,
        event.attributes.source,
        event.attributes.id,
        event.type,
        event.attributes.subject,
        countries,
        event.attributes.time,
        JSON.stringify({ id: event.attributes.id, subject: event.attributes.subject, countries, ...thin.data }),
        wanted.map(() => randomUUID()),
        wanted.map((subscription) => subscription.id),
      ],
    );
  }
}
