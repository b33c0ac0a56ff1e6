import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AlertEntity, ChildIdentityEntity } from '../alerts/alert.entities';
import type { AlertsConfig } from '../config/alerts.config';
import { IdentityVault } from '../identity/identity-vault';
import { AlertDeadlinesUseCase } from './alert-deadlines.usecase';

describe('erasing identities after retention', () => {
  it('erases the request digest with the identity: it was computed over the child’s record', async () => {
    const id = randomUUID();
    const changes: { entity: unknown; change: unknown }[] = [];
    const alert = Object.assign(new AlertEntity(), { id, kind: 'MISSING_CHILD', urgency: 'HIGH', status: 'CLOSED', originCountry: 'RS', postedAt: new Date(), version: 3 });
    const manager = {
      queryRunner: { isReleased: false, isTransactionActive: true, connect: async () => ({ query: async () => ({ rows: [] }) }) },
      query: async () => [{ id }],
      delete: async (entity: unknown, change: unknown) => void changes.push({ entity, change }),
      update: async (entity: unknown, _where: unknown, change: unknown) => void changes.push({ entity, change }),
      findOne: async () => alert,
      find: async () => [],
    };
    const dataSource = { transaction: (work: (m: typeof manager) => unknown) => work(manager) } as unknown as DataSource;
    const deadlines = new AlertDeadlinesUseCase(dataSource, new IdentityVault(new Map([['k1', randomBytes(32)]]), 'k1'), { ALERTS_IDENTITY_RETENTION_MS: 0 } as AlertsConfig);

    expect(await deadlines.eraseExpired(new Date())).toBe(1);
    expect(changes).toEqual([
      { entity: ChildIdentityEntity, change: { alertId: id } },
      { entity: AlertEntity, change: { identityErased: true, requestDigest: null } },
    ]);
  });
});
