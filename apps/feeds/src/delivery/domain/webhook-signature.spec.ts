import { Webhook } from 'standardwebhooks';
import { newWebhookSecret } from '../../partners/domain/webhook-secret';
import { signatureOf, webhookBody, webhookHeaders } from './webhook-signature';

describe('webhook signature', () => {
  const body = webhookBody('cpx.alerts.v1.AlertPosted', new Date('2026-01-02T03:04:05Z'), '{"alertId":"a-1","countries":["FR","RS"]}');

  it('is what the standardwebhooks library verifies, unchanged', () => {
    const secret = newWebhookSecret();
    const now = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders({ id: 'delivery-1', timestampSeconds: now, body, secrets: [secret] });
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(headers['webhook-signature']).toBe(new Webhook(secret).sign('delivery-1', new Date(now * 1000), body));
  });

  it('generates whsec_ secrets of 32 random bytes', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it('signs with both secrets during a rotation, and each one verifies alone', () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const now = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders({ id: 'delivery-2', timestampSeconds: now, body, secrets: [current, previous] });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(current).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
  });

  it('fails verification when the body, id or timestamp changes', () => {
    const secret = newWebhookSecret();
    const now = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders({ id: 'delivery-3', timestampSeconds: now, body, secrets: [secret] });
    expect(() => new Webhook(secret).verify(body.replace('a-1', 'a-2'), headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'other' })).toThrow();
    expect(signatureOf(secret, 'delivery-3', now + 1, body)).not.toBe(headers['webhook-signature']);
  });

  it('builds the body as {type, timestamp, data}', () => {
    expect(JSON.parse(body)).toEqual({ type: 'cpx.alerts.v1.AlertPosted', timestamp: '2026-01-02T03:04:05.000Z', data: { alertId: 'a-1', countries: ['FR', 'RS'] } });
  });
});
