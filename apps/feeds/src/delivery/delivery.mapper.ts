/** The attempt log's rows as the wire messages the gateway reads. */
import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { DeliveryAttemptSchema } from '@cpx/contracts';
import { encodeCursor } from '@cpx/platform';
import type { AttemptRow } from './delivery.store';

export function attemptMessage(row: AttemptRow): MessageInitShape<typeof DeliveryAttemptSchema> {
  return {
    deliveryId: row.deliveryId,
    eventId: row.eventId,
    attempt: row.attempt,
    statusCode: row.statusCode ?? 0,
    latencyMs: row.latencyMs,
    error: row.error,
    attemptedAt: timestampFromDate(row.attemptedAt),
    cursor: encodeCursor([row.id]),
  };
}
