import { encodeCursor, type Principal } from '@cpx/platform';
import type { DataSource } from 'typeorm';
import { ListDeliveryAttemptsCommand } from '../delivery/list-delivery-attempts.command';
import { ListDeliveryAttemptsUseCase } from '../delivery/list-delivery-attempts.usecase';
import { ReadPartnerFeedCommand } from '../feed/read-partner-feed.command';
import { ReadPartnerFeedUseCase } from '../feed/read-partner-feed.usecase';
import { cursorPosition, LAST_POSITION } from './cursor-position';

const PARTNER = '0b0e6a4e-0000-4000-8000-000000000003';
const SUBSCRIPTION = '0b0e6a4e-0000-4000-8000-000000000002';
const partnerAdmin: Principal = { subject: 'partner-admin', roles: ['partner'], partnerId: PARTNER };

/** Postgres faked: a subscription and a partner exist; every statement is recorded. */
function fakeDatabase() {
  const parameters: unknown[][] = [];
  const query = async (sql: string, values: unknown[] = []) => {
    parameters.push(values);
    if (sql.includes('FROM subscription')) return [{ id: SUBSCRIPTION, partner_id: PARTNER }];
    if (sql.includes('FROM partner')) return [{ id: PARTNER }];
    return [];
  };
  return { dataSource: { query, manager: { query } } as unknown as DataSource, parameters };
}

describe('cursor positions', () => {
  it('takes every position a bigint column holds, up to its largest', () => {
    for (const position of ['0', '1', '42', '9223372036854775806', LAST_POSITION]) {
      expect(cursorPosition(encodeCursor([position]), 'page.after')).toBe(position);
    }
    expect(LAST_POSITION).toBe('9223372036854775807');
  });

  it('refuses a forged position past bigint, or not a position, as the caller’s input, naming the field', () => {
    for (const forged of ['9223372036854775808', '9999999999999999999', '18446744073709551616', '00000000000000000001', '-1', '1.5', '1e3', '']) {
      expect(() => cursorPosition(encodeCursor([forged]), 'page.after')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'page.after' }));
    }
    for (const forged of [encodeCursor([7]), encodeCursor(['7', '8']), encodeCursor([]), 'bm90LWEtY3Vyc29y']) {
      expect(() => cursorPosition(forged, 'page.after')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'page.after' }));
    }
  });

  it('stops the pull feed and the attempt log at a forged cursor, before their query runs', async () => {
    const forged = encodeCursor(['9999999999999999999']);
    const feed = fakeDatabase();
    await expect((async () => new ReadPartnerFeedUseCase(feed.dataSource).execute(ReadPartnerFeedCommand.from({ partnerId: PARTNER, after: forged }), partnerAdmin))()).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'page.after' });
    expect(feed.parameters.flat()).not.toContain('9999999999999999999');
    const log = fakeDatabase();
    await expect((async () => new ListDeliveryAttemptsUseCase(log.dataSource).execute(ListDeliveryAttemptsCommand.from({ subscriptionId: SUBSCRIPTION, after: forged }), partnerAdmin))()).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'page.after' });
    expect(log.parameters.flat()).not.toContain('9999999999999999999');
  });
});
