import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AlertEntity, ChildIdentityEntity } from '../alerts/alert.entities';
import { ERASED_TEXT } from '../alerts/alert-store';
import type { AlertsConfig } from '../config/alerts.config';
import { IdentityVault } from '../identity/identity-vault';
import { AlertDeadlinesUseCase } from './alert-deadlines.usecase';

describe('erasing identities after retention', () => {
  it('erases the request digest and the free texts with the identity: the digest was computed over the child’s record', async () => {
    const id = randomUUID();
    const changes: { entity: unknown; change: unknown }[] = [];
    const statements: { sql: string; parameters: unknown[] }[] = [];
    const alert = Object.assign(new AlertEntity(), { id, kind: 'MISSING_CHILD', urgency: 'HIGH', status: 'CLOSED', originCountry: 'RS', postedAt: new Date(), version: 3 });
    const manager = {
      queryRunner: { isReleased: false, isTransactionActive: true, connect: async () => ({ query: async () => ({ rows: [] }) }) },
      query: async (sql: string, parameters: unknown[] = []) => {
        statements.push({ sql: sql.replace(/\s+/g, ' '), parameters });
        if (sql.includes('RETURNING version')) return [[{ version: 4 }], 1];
        return sql.trim().startsWith('SELECT') ? [{ id }] : [];
      },
      delete: async (entity: unknown, change: unknown) => void changes.push({ entity, change }),
      update: async (entity: unknown, _where: unknown, change: unknown) => void changes.push({ entity, change }),
      findOne: async () => alert,
      find: async () => [],
    };
    const dataSource = { transaction: (work: (m: typeof manager) => unknown) => work(manager) } as unknown as DataSource;
    const deadlines = new AlertDeadlinesUseCase(dataSource, new IdentityVault(new Map([['k1', randomBytes(32)]]), 'k1'), { ALERTS_IDENTITY_RETENTION_MS: 0 } as AlertsConfig);

    expect(await deadlines.eraseExpired(new Date())).toBe(1);
    expect(changes).toEqual([{ entity: ChildIdentityEntity, change: { alertId: id } }]);
    expect(statements).toEqual(
      expect.arrayContaining([
        { sql: expect.stringMatching(/^UPDATE alert SET identity_erased = true, request_digest = NULL, title = \$2, summary = .*outcome_note = /), parameters: [id, ERASED_TEXT] },
        { sql: expect.stringMatching(/^UPDATE alert_update SET text = \$2, sighting_place = /), parameters: [id, ERASED_TEXT] },
        { sql: expect.stringMatching(/^UPDATE alert SET version = version \+ 1/), parameters: [id, expect.any(Date)] },
      ]),
    );
  });
});
