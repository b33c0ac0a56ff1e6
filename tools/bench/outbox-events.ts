// The source of the feeds benchmark's domain events: AlertPosted events committed into the
// alerts service's own outbox, exactly the row its posting transaction writes (topic,
// aggregate key, ce_type, subject, protobuf payload; the insert trigger NOTIFYs the relay).
// From there on everything is the platform's: the alerts service's relay publishes it,
// the feeds service records it, fans it out to the matching subscriptions and delivers.
// Committing the row directly, rather than posting alerts through the gateway, keeps the
// measured path to what the feeds are responsible for (posting at 100/s has its own
// figures above) and leaves the cores to it. The alerts are not real alerts: no alert row
// exists for them, which nothing on this path reads.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertKind, AlertsEvents, AlertStatus, Urgency } from '@cpx/contracts';
import { databaseUrl, PlatformConfig, serviceDatabaseName } from '@cpx/platform';
import type { RunningPlatform } from '@cpx/stack';
import { Pool } from 'pg';

export interface CommittedEvent {
  /** The CloudEvents id (the outbox row id): what the feed puts in `data.id`. */
  id: string;
  /** performance.now() when the commit was acknowledged to the benchmark. */
  committedAt: number;
}

export interface OutboxEvents {
  database: string;
  /** Commits one AlertPosted event about an alert from `origin` to `targets`. */
  commit(origin: string, targets: string[]): Promise<CommittedEvent>;
  close(): Promise<void>;
}

const alertPosted = AlertsEvents.types.alertPosted;

export function alertsOutbox(platform: RunningPlatform, connections: number): OutboxEvents {
  const config = Object.assign(new PlatformConfig(), { CPX_INSTANCE: platform.env['CPX_INSTANCE'] ?? '' });
  const database = serviceDatabaseName('alerts', config);
  const pool = new Pool({ connectionString: databaseUrl(platform.stack.databaseUrl, database), max: connections });
  // See postgresRead: an idle connection dropped at shutdown must not crash the benchmark.
  pool.on('error', () => undefined);
  const originAgencyId = randomUUID();
  return {
    database,
    async commit(origin, targets) {
      const id = randomUUID();
      const alertId = randomUUID();
      const now = new Date();
      const payload = toBinary(
        alertPosted.schema,
        create(alertPosted.schema, {
          alert: {
            alertId,
            kind: AlertKind.MISSING_CHILD,
            urgency: Urgency.CRITICAL,
            status: AlertStatus.POSTED,
            originCountry: origin,
            originAgencyId,
            targetCountries: targets,
            postedAt: timestampFromDate(now),
            version: 1n,
          },
          audience: { memberAgencyIds: [originAgencyId], curators: true },
          occurredAt: timestampFromDate(now),
        }),
      );
      // One statement outside a transaction block: Postgres commits it before answering.
      await pool.query(
        `INSERT INTO cpx_outbox (id, topic, record_key, event_type, subject, occurred_at, payload) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, AlertsEvents.topic, alertId, alertPosted.type, `alerts/${alertId}`, now, Buffer.from(payload)],
      );
      return { id, committedAt: performance.now() };
    },
    close: () => pool.end(),
  };
}
