import { claimTerms, LEASE_MARGIN_MS, signingSecrets } from './claim-terms';

describe('the terms of a claim', () => {
  const settings = { deliveryTimeoutMs: 10_000, pollIntervalMs: 1_000, endpointRatePerSecond: 4, endpointConcurrency: 5 };

  it('leases a delivery for its timeout, the margin to log it and the poll interval it may wait for its send time', () => {
    expect(claimTerms(50, 'token', settings)).toEqual({
      limit: 50,
      claimToken: 'token',
      leaseMs: 10_000 + LEASE_MARGIN_MS + 1_000,
      horizonMs: 1_000,
      spacingMs: 250,
      endpointConcurrency: 5,
    });
  });
});

describe('the secrets a delivery is signed with', () => {
  it('adds the previous secret only while its overlap lasts', () => {
    expect(signingSecrets({ current: 'a', previous: 'b' }, true)).toEqual(['a', 'b']);
    expect(signingSecrets({ current: 'a', previous: 'b' }, false)).toEqual(['a']);
    expect(signingSecrets({ current: 'a' }, true)).toEqual(['a']);
  });
});
