/**
 * An AlertPosted exactly as the alerts service's relay publishes it (CloudEvents headers,
 * protobuf payload, key = alert id), for the feeds integration specs. Returns the alert id.
 */
import { randomUUID } from 'node:crypto';
import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertKind, AlertsEvents, AlertStatus, Urgency } from '@cpx/contracts';
import { cloudEventHeaders } from '@cpx/platform';
import type { Producer } from 'kafkajs';

export async function publishAlertPosted(producer: Producer, origin: string, targets: string[]): Promise<string> {
  const alertId = randomUUID();
  const now = timestampFromDate(new Date());
  const data = create(AlertsEvents.types.alertPosted.schema, {
    alert: { alertId, kind: AlertKind.MISSING_CHILD, urgency: Urgency.CRITICAL, status: AlertStatus.POSTED, originCountry: origin, originAgencyId: randomUUID(), targetCountries: targets, postedAt: now, version: 1n },
    occurredAt: now,
  });
  await producer.send({
    topic: AlertsEvents.topic,
    acks: -1,
    messages: [
      {
        key: alertId,
        value: Buffer.from(toBinary(AlertsEvents.types.alertPosted.schema, data)),
        headers: cloudEventHeaders({ id: randomUUID(), source: '/cpx/alerts', type: AlertsEvents.types.alertPosted.type, time: new Date(), subject: alertId }),
      },
    ],
  });
  return alertId;
}
