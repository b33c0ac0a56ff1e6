/**
 * What a webhook's `data` carries, by its subscription's payload mode. The feed stores one
 * redacted `data` per event (the allow-list of feed/domain/thin-event.ts, with the event's
 * `id`, `subject` and `countries`):
 *
 * - FULL sends it as stored, byte for byte.
 * - THIN (the default) keeps only what identifies the event: `id`, `type`, `subject`,
 *   `countries`, `occurredAt` and the ids the event names, and adds `fetch`: where the
 *   partner reads the rest through the API, its `partnerFeed` after the cursor just before
 *   this event (so the first edge of that page is this event, as long as the feed holds it).
 *
 * THIN only ever drops keys of the stored data (plus `type` and `fetch`, which are CPX's
 * own): the allow-list stays the one source of what a partner may see. Deterministic, so
 * every attempt of one delivery, and a resend, sends the same body.
 */
import { assertUnreachable } from '@cpx/platform';
import { feedCursorBefore } from '../../feed/domain/feed-cursor';
import type { WebhookPayloadMode } from '../../partners/domain/payload-mode';

/**
 * The ids an event may name, in the order THIN sends them. An allow-list of its own: an id
 * added to thin-event.ts later goes to FULL subscriptions until someone adds it here.
 */
const NAMED_IDS = ['alertId', 'originAgencyId', 'agencyId', 'updateId', 'professionalId', 'focalPointId', 'shiftId'] as const;

/** One recorded feed event, as the delivery reads it. */
export interface RecordedEvent {
  /** The feed sequence: the partner feed's order and cursor. */
  sequence: string;
  type: string;
  /** The stored `data`, JSON text. */
  data: string;
}

/** Where a THIN webhook's partner reads the whole event: `partnerFeed(partnerId, after)`, first edge. */
export interface FetchHint {
  graphql: 'partnerFeed';
  partnerId: string;
  after: string;
  eventId: string;
}

/** The `data` of a webhook body, as JSON text. */
export function webhookData(mode: WebhookPayloadMode, event: RecordedEvent, partnerId: string): string {
  switch (mode) {
    case 'FULL':
      return event.data;
    case 'THIN':
      return JSON.stringify(thinData(event, partnerId));
    default:
      return assertUnreachable(mode);
  }
}

function thinData(event: RecordedEvent, partnerId: string): Record<string, unknown> {
  const stored = JSON.parse(event.data) as Record<string, unknown>;
  const eventId = String(stored['id']);
  const thin: Record<string, unknown> = {
    id: eventId,
    type: event.type,
    subject: stored['subject'],
    countries: stored['countries'],
    occurredAt: stored['occurredAt'] ?? null,
  };
  for (const key of NAMED_IDS) if (key in stored) thin[key] = stored[key];
  const fetch: FetchHint = { graphql: 'partnerFeed', partnerId, after: feedCursorBefore(event.sequence), eventId };
  thin['fetch'] = fetch;
  return thin;
}
