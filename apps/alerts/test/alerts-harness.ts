/**
 * The alerts service for its integration specs: started on real Kafka and Postgres with
 * master keys of the test's own, called as the gateway calls it, and waited on until its
 * replica of the directory has caught up.
 */
import { randomBytes } from 'node:crypto';
import { AlertsEvents, AlertsRequests, ChildIdentitySchema } from '@cpx/contracts';
import { postAlertContext, revealIdentityContext, type Principal } from '@cpx/platform';
import { startServiceHarness, waitFor, type ServiceHarness } from '@cpx/testing';
import type { DataSource } from 'typeorm';
import { AlertsModule } from '../src/app.module';
import { AlertsConfig } from '../src/config/alerts.config';

/** `env` is added to (or overrides) the master keys. */
export function startAlertsHarness(env: Record<string, string> = {}): Promise<ServiceHarness<AlertsConfig>> {
  return startServiceHarness({
    service: 'alerts',
    configSchema: AlertsConfig,
    module: (config) => AlertsModule.forConfig(config),
    eventTopics: [AlertsEvents.topic],
    env: { ALERTS_MASTER_KEYS: `test-1:${randomBytes(32).toString('base64')}`, ALERTS_ACTIVE_KEY_ID: 'test-1', ...env },
  });
}

/**
 * Calls the service as the gateway does: the child's record sealed to the alerts service
 * on the way in, and opened with the gateway's key on the way out of a reveal.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test shorthand over a typed registry
export async function sendAsGateway(harness: ServiceHarness<AlertsConfig>, op: keyof typeof AlertsRequests, request: Record<string, any>, principal: Principal): Promise<any> {
  let wire = request;
  if (op === 'postAlert' && request.child) {
    const { child, ...rest } = request;
    wire = { ...rest, sealedChild: await harness.gateway.sealerToAlerts.seal(ChildIdentitySchema, child, postAlertContext(request.idempotencyKey)) };
  }
  const reply = await harness.requests.send(AlertsRequests[op] as never, wire as never, principal);
  if (op === 'revealAlertIdentity') {
    return { child: await harness.gateway.opener.open(ChildIdentitySchema, (reply as unknown as { sealedChild: Uint8Array }).sealedChild, revealIdentityContext(request.id), 'child') };
  }
  return reply;
}

/** Until the service's replica of the directory holds these professionals. */
export async function waitForReplica(db: DataSource, subjects: string[]): Promise<void> {
  await waitFor(async () => {
    const rows = await db.query(`SELECT count(*)::int AS n FROM replica_professional WHERE subject = ANY($1)`, [subjects]);
    return rows[0].n === subjects.length;
  });
}
