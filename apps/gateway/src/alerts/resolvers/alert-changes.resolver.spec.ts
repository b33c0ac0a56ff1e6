import type { JWTPayload } from 'jose';
import { WebSocket } from 'ws';
import { AlertsRequests } from '@cpx/contracts';
import { DomainError, type Principal } from '@cpx/platform';
import type { GatewayConfig } from '../../config/gateway.config';
import type { GatewayContext } from '../../graphql/gateway-context';
import { startTestGateway, type TestGateway } from '../../../test/test-gateway';
import { FakeRequests } from '../../../test/fake-requests';
import { ServiceClient } from '../../messaging/service.client';
import { AlertChanges } from '../live/alert-changes';
import type { AlertDelivery } from '../live/alert-delivery';
import { ALERT_ID, audience, ORIGIN_AGENCY_ID, POSTED, RECIPIENT_AGENCY_ID } from '../testing/alert-factories';
import type { AlertChangeObject } from '../types/alert-change.type';
import { AlertChangesResolver } from './alert-changes.resolver';

const SUBSCRIBE = 'subscription { alertChanged { type alertId kind urgency status originCountry targetCountries version occurredAt country level unroutedCountries } }';

function aChange(overrides: Partial<AlertChangeObject> = {}): AlertChangeObject {
  return {
    type: 'ACKNOWLEDGED',
    alertId: ALERT_ID,
    kind: 'MISSING_CHILD',
    urgency: 'CRITICAL',
    status: 'IN_PROGRESS',
    originCountry: 'RS',
    targetCountries: ['HR', 'XK'],
    version: 2,
    occurredAt: POSTED,
    country: 'HR',
    level: null,
    unroutedCountries: [],
    ...overrides,
  };
}

/** The audience of an alert from RS to HR: the origin agency, recipient-hr, the HR agency's admins, curators. */
const RS_TO_HR: AlertDelivery = { change: aChange(), audience: audience() };

interface Subscriber {
  name: string;
  received: Record<string, unknown>[];
  close(): void;
}

async function subscribe(gateway: TestGateway, name: string, claims: JWTPayload, ttl?: string): Promise<Subscriber> {
  const ws = new WebSocket(gateway.url.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
  const received: Record<string, unknown>[] = [];
  const acknowledged = new Promise<void>((resolve, reject) => {
    ws.on('error', reject);
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      if (message['type'] === 'connection_ack') resolve();
      else received.push(message);
    });
  });
  await new Promise((resolve) => ws.on('open', resolve));
  ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${await gateway.token(claims, ttl)}` } }));
  await acknowledged;
  ws.send(JSON.stringify({ id: name, type: 'subscribe', payload: { query: SUBSCRIBE } }));
  return { name, received, close: () => ws.close() };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('alertChanged', () => {
  it('the resolver listens as the caller and hears only their audience', async () => {
    const changes = new AlertChanges();
    const requests = new FakeRequests().on(AlertsRequests.checkLiveAccess, () => ({}));
    const resolver = new AlertChangesResolver(changes, new ServiceClient(requests as never), { LIVE_ACCESS_RECHECK_MS: 60_000 } as GatewayConfig);
    const stranger: Principal = { subject: 'bg-1', roles: ['professional'], country: 'BG', agencyId: 'bg-agency' };
    const member: Principal = { subject: 'rs-1', roles: ['professional'], country: 'RS', agencyId: ORIGIN_AGENCY_ID };
    const context = (principal: Principal) => ({ authentication: Promise.resolve({ principal, expiresAt: Date.now() + 60_000 }) }) as GatewayContext;

    const theirs = await resolver.alertChanged(stranger, context(stranger));
    const mine = await resolver.alertChanged(member, context(member));
    changes.publish(RS_TO_HR);
    changes.publish({ change: aChange({ type: 'CLOSED', status: 'CLOSED' }), audience: audience({ memberAgencyIds: ['bg-agency'] }) });
    expect((await theirs.next()).value?.type).toBe('CLOSED');
    expect((await mine.next()).value?.type).toBe('ACKNOWLEDGED');
    await theirs.return?.();
    await mine.return?.();
  });

  describe('over graphql-ws', () => {
    let gateway: TestGateway;

    // Subjects the alerts service refuses (suspended), as its replica of the directory would.
    const suspended = new Set<string>();

    beforeAll(async () => {
      gateway = await startTestGateway({ env: { LIVE_ACCESS_RECHECK_MS: '200' } });
      gateway.requests.on(AlertsRequests.checkLiveAccess, (_request, principal) => {
        if (suspended.has(principal.subject)) throw DomainError.forbidden('Your account is suspended.');
        return {};
      });
    });
    afterAll(() => gateway.close());

    it('pushes a change to the audience only: not to partners, platform admins, auditors or an unrelated country', async () => {
      const changes = gateway.app.get(AlertChanges);
      const inAudience = await Promise.all([
        subscribe(gateway, 'origin member', { sub: 'rs-1', roles: ['professional'], cpx_country: 'RS', cpx_agency: ORIGIN_AGENCY_ID }),
        subscribe(gateway, 'recipient', { sub: 'recipient-hr', roles: ['professional'], cpx_country: 'HR', cpx_agency: 'hr-police' }),
        subscribe(gateway, 'recipient agency admin', { sub: 'hr-admin', roles: ['agency_admin'], cpx_country: 'HR', cpx_agency: RECIPIENT_AGENCY_ID }),
        subscribe(gateway, 'curator', { sub: 'attache', roles: ['curator'] }),
      ]);
      const outside = await Promise.all([
        subscribe(gateway, 'unrelated country', { sub: 'bg-1', roles: ['professional'], cpx_country: 'BG', cpx_agency: 'bg-agency' }),
        subscribe(gateway, 'unrelated agency admin', { sub: 'bg-admin', roles: ['agency_admin'], cpx_country: 'BG', cpx_agency: 'bg-agency' }),
        subscribe(gateway, 'plain member of a recipient agency', { sub: 'hr-2', roles: ['professional'], cpx_country: 'HR', cpx_agency: RECIPIENT_AGENCY_ID }),
        subscribe(gateway, 'partner', { sub: 'unicef-1', roles: ['partner'], cpx_partner: 'unicef' }),
        subscribe(gateway, 'platform admin', { sub: 'ops', roles: ['platform_admin'] }),
        subscribe(gateway, 'auditor', { sub: 'dpo', roles: ['auditor'], cpx_agency: ORIGIN_AGENCY_ID }),
      ]);
      await until(() => changes.listenerCount === inAudience.length + outside.length, 'every subscription to start');

      changes.publish(RS_TO_HR);
      await until(() => inAudience.every((subscriber) => subscriber.received.length > 0), 'the audience to receive the change');
      for (const subscriber of inAudience) {
        expect({ who: subscriber.name, received: subscriber.received }).toEqual({
          who: subscriber.name,
          received: [
            {
              id: subscriber.name,
              type: 'next',
              payload: {
                data: {
                  alertChanged: {
                    type: 'ACKNOWLEDGED',
                    alertId: ALERT_ID,
                    kind: 'MISSING_CHILD',
                    urgency: 'CRITICAL',
                    status: 'IN_PROGRESS',
                    originCountry: 'RS',
                    targetCountries: ['HR', 'XK'],
                    version: 2,
                    occurredAt: POSTED.toISOString(),
                    country: 'HR',
                    level: null,
                    unroutedCountries: [],
                  },
                },
              },
            },
          ],
        });
      }
      // The unrelated country's next change proves its socket was live and skipped the first.
      changes.publish({ change: aChange({ type: 'POSTED', alertId: 'bg-alert' }), audience: audience({ memberAgencyIds: ['bg-agency'], adminAgencyIds: [], subjects: [], curators: false }) });
      await until(() => outside[0]!.received.length > 0, 'the unrelated country to receive its own change');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(outside.map((subscriber) => [subscriber.name, subscriber.received.map((message) => (message['payload'] as { data: { alertChanged: { alertId: string } } }).data.alertChanged.alertId)])).toEqual([
        ['unrelated country', ['bg-alert']],
        ['unrelated agency admin', ['bg-alert']],
        ['plain member of a recipient agency', []],
        ['partner', []],
        ['platform admin', []],
        ['auditor', []],
      ]);

      for (const subscriber of [...inAudience, ...outside]) subscriber.close();
      await until(() => changes.listenerCount === 0, 'closed sockets to unsubscribe');
    });

    it('refuses a subscription sent over HTTP with a coded error', async () => {
      const { body } = await gateway.graphql('subscription { alertChanged { alertId } }');
      expect(body.errors?.[0]).toMatchObject({ message: expect.stringContaining('graphql-transport-ws'), extensions: { code: 'BAD_USER_INPUT' } });
    });

    it('refuses to open a subscription the alerts service refuses, and ends one once it does', async () => {
      const changes = gateway.app.get(AlertChanges);
      suspended.add('suspended-before');
      const refused = await subscribe(gateway, 'refused', { sub: 'suspended-before', roles: ['professional'], cpx_agency: ORIGIN_AGENCY_ID });
      await until(() => refused.received.some((message) => message['type'] === 'complete'), 'the refusal');
      expect(refused.received).toEqual([
        {
          id: 'refused',
          type: 'next',
          payload: { errors: [expect.objectContaining({ message: 'Your account is suspended.', extensions: { code: 'FORBIDDEN' } })] },
        },
        { id: 'refused', type: 'complete' },
      ]);
      refused.close();

      const later = await subscribe(gateway, 'suspended later', { sub: 'suspended-later', roles: ['professional'], cpx_agency: ORIGIN_AGENCY_ID });
      await until(() => changes.listenerCount === 1, 'the subscription to start');
      changes.publish(RS_TO_HR);
      await until(() => later.received.length === 1, 'the change before the suspension');
      suspended.add('suspended-later');
      await until(() => later.received.some((message) => message['type'] === 'complete'), 'the subscription to end');
      changes.publish(RS_TO_HR);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(later.received.map((message) => message['type'])).toEqual(['next', 'complete']);
      expect(changes.listenerCount).toBe(0);
      later.close();
    });

    it('completes the subscription when the access token expires', async () => {
      const subscriber = await subscribe(gateway, 'short-lived', { sub: 'rs-1', roles: ['professional'], cpx_agency: ORIGIN_AGENCY_ID }, '1s');
      await until(() => subscriber.received.some((message) => message['type'] === 'complete'), 'the subscription to complete');
      expect(subscriber.received).toEqual([{ id: 'short-lived', type: 'complete' }]);
      subscriber.close();
    });
  });
});
