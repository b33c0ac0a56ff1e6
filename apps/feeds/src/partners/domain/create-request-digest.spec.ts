import { createRequestDigest, type NormalisedCreateRequest } from './create-request-digest';

const request: NormalisedCreateRequest = { eventTypes: ['cpx.alerts.v1.*'], countries: ['FR', 'RS'], webhookUrl: 'https://hooks.partner.example/cpx', payloadMode: 'THIN' };

describe('the digest of a create request', () => {
  it('is the same for the same request', () => {
    expect(createRequestDigest({ ...request, countries: ['FR', 'RS'] })).toBe(createRequestDigest(request));
    expect(createRequestDigest(request)).toMatch(/^sha256:[A-Za-z0-9_-]{43}$/);
  });

  it.each([
    ['event types', { eventTypes: ['cpx.alerts.v1.AlertPosted'] }],
    ['countries', { countries: ['FR'] }],
    ['no countries', { countries: [] }],
    ['webhook URL', { webhookUrl: 'https://hooks.partner.example/other' }],
    ['no webhook', { webhookUrl: null }],
    ['payload mode', { payloadMode: 'FULL' as const }],
  ])('tells another %s apart', (_what, change) => {
    expect(createRequestDigest({ ...request, ...change })).not.toBe(createRequestDigest(request));
  });

  it('keeps fields apart: a country cannot pass for an event type', () => {
    expect(createRequestDigest({ ...request, eventTypes: ['FR'], countries: [] })).not.toBe(createRequestDigest({ ...request, eventTypes: [], countries: ['FR'] }));
  });
});
