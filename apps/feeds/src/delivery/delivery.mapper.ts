/** The attempt log's rows as the wire messages the gateway reads. */
import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { DeliveryAttemptSchema } from '@cpx/contracts';
import { encodeCursor } from '@cpx/platform';
import type { AttemptRow } from './delivery.store';

export function attemptMessage(row: AttemptRow): MessageInitShape<typeof DeliveryAttemptSchema> {
  return {
    deliveryId: row.delivery_id,
    eventId: row.event_id,
    attempt: row.attempt,
    statusCode: row.status_code ?? 0,
    latencyMs: row.latency_ms,
    error: row.error,
    attemptedAt: timestampFromDate(row.attempted_at),
    cursor: encodeCursor([row.id]),
  };
}
