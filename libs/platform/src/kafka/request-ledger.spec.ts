import { RequestLedger } from './request-ledger';

describe('the ledger of requests taken on', () => {
  const now = 1_000_000;

  it('takes an id once until its deadline passes', () => {
    const ledger = new RequestLedger();
    expect(ledger.claim('a', now + 5_000, now)).toBe(true);
    expect(ledger.claim('a', now + 5_000, now + 1)).toBe(false);
    expect(ledger.claim('b', now + 5_000, now + 1)).toBe(true);
    // Past its deadline the request is refused unprocessed anyway (its signature has expired): the id is forgotten.
    expect(ledger.claim('a', now + 10_000, now + 5_001)).toBe(true);
  });

  it('forgets what has expired, and stays within its bound', () => {
    const ledger = new RequestLedger(3);
    for (const id of ['a', 'b', 'c']) ledger.claim(id, now + 1_000, now);
    expect(ledger.size).toBe(3);
    ledger.claim('d', now + 5_000, now + 2_000);
    expect(ledger.size).toBe(1);
    for (const id of ['e', 'f', 'g']) ledger.claim(id, now + 5_000, now + 2_000);
    expect(ledger.size).toBe(3);
    expect(ledger.evicted).toBe(1);
  });
});
