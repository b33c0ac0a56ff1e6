/**
 * Recording an alert's events in the outbox, in the transaction of the change they tell
 * (ADR 2): one place, so every use case announces an alert the same way (key and subject
 * the alert's id).
 */
import type { DescMessage, MessageInitShape } from '@bufbuild/protobuf';
import { AlertsEvents } from '@cpx/contracts';
import { recordEvent, type EventDefinition } from '@cpx/platform';
import type { EntityManager } from 'typeorm';

export async function recordAlertEvent<Desc extends DescMessage>(
  manager: EntityManager,
  alertId: string,
  event: EventDefinition<Desc>,
  data: MessageInitShape<Desc>,
  occurredAt: Date,
): Promise<void> {
  await recordEvent(manager, {
    topic: AlertsEvents.topic,
    event,
    aggregateId: alertId,
    subject: `alerts/${alertId}`,
    data,
    occurredAt,
  });
}
