/**
 * Loading an alert with what its use cases need (targets, recipients), and recording its
 * events. One place, so every use case reads and announces an alert the same way.
 */
import { AlertsEvents } from '@cpx/contracts';
import { DomainError, recordEvent, type EventDefinition } from '@cpx/platform';
import type { DescMessage, MessageInitShape } from '@bufbuild/protobuf';
import type { EntityManager } from 'typeorm';
import { AlertEntity, AlertRecipientEntity, AlertTargetEntity } from './alert.entities';

/** What an alert's free texts read once erased at the end of retention. */
export const ERASED_TEXT = '[erased after the retention period]';

export interface LoadedAlert {
  alert: AlertEntity;
  targets: AlertTargetEntity[];
  recipients: AlertRecipientEntity[];
}

export async function loadAlert(manager: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<LoadedAlert> {
  const alert = await manager.findOne(AlertEntity, {
    where: { id },
    ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!alert) throw DomainError.notFound('Alert', id);
  const [targets, recipients] = await Promise.all([
    manager.find(AlertTargetEntity, { where: { alertId: id }, order: { country: 'ASC' } }),
    manager.find(AlertRecipientEntity, { where: { alertId: id } }),
  ]);
  return { alert, targets, recipients };
}

/**
 * The alert's next version, counted in the database (UPDATE ... RETURNING), so that two
 * changes in overlapping transactions never both write the same number.
 */
export async function bumpVersion(manager: EntityManager, id: string, now: Date): Promise<number> {
  const [row] = (await manager.query(`UPDATE alert SET version = version + 1, updated_at = $2 WHERE id = $1 RETURNING version`, [id, now])) as [{ version: number }[], number];
  return Number(row[0]!.version);
}

export function recipientCounts(recipients: AlertRecipientEntity[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const recipient of recipients) counts.set(recipient.country, (counts.get(recipient.country) ?? 0) + 1);
  return counts;
}

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

