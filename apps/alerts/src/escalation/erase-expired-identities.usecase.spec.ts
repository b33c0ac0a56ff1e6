import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ERASED_TEXT } from '../alerts/domain/alert-lifecycle';
import type { AlertsConfig } from '../config/alerts.config';
import { EraseExpiredIdentitiesUseCase } from './erase-expired-identities.usecase';

describe('erasing identities after retention', () => {
  it('erases the request digest and the free texts with the identity: the digest was computed over the child’s record', async () => {
    const id = randomUUID();
    const statements: { sql: string; parameters: unknown[] }[] = [];
    const alert = { id, kind: 'MISSING_CHILD', urgency: 'HIGH', status: 'CLOSED', origin_country: 'RS', posted_at: new Date(), version: 3 };
    const manager = {
      queryRunner: { isReleased: false, isTransactionActive: true, connect: async () => ({ query: async () => ({ rows: [] }) }) },
      query: async (sql: string, parameters: unknown[] = []) => {
        statements.push({ sql: sql.replace(/\s+/g, ' ').trim(), parameters });
        if (sql.includes('RETURNING version')) return [[{ version: 4 }], 1];
        if (sql.includes('FROM alert WHERE id')) return [alert];
        if (sql.includes('FROM alert_target') || sql.includes('FROM alert_recipient')) return [];
        return sql.trim().startsWith('SELECT') ? [{ id }] : [];
      },
    };
    const dataSource = { transaction: (work: (m: typeof manager) => unknown) => work(manager) } as unknown as DataSource;
    const eraseExpired = new EraseExpiredIdentitiesUseCase(dataSource, { ALERTS_IDENTITY_RETENTION_MS: 0 } as AlertsConfig);

    expect(await eraseExpired.execute(new Date())).toBe(1);
    // The sealed record, and nothing else of the identity's table, is deleted.
    expect(statements.filter(({ sql }) => sql.includes('child_identity'))).toEqual([{ sql: 'DELETE FROM child_identity WHERE alert_id = $1', parameters: [id] }]);
    expect(statements).toEqual(
      expect.arrayContaining([
        { sql: expect.stringMatching(/^UPDATE alert SET identity_erased = true, request_digest = NULL, title = \$2, summary = .*outcome_note = /), parameters: [id, ERASED_TEXT] },
        { sql: expect.stringMatching(/^UPDATE alert_update SET text = \$2, sighting_place = /), parameters: [id, ERASED_TEXT] },
        { sql: expect.stringMatching(/^UPDATE alert SET version = version \+ 1/), parameters: [id, expect.any(Date)] },
      ]),
    );
  });
});
