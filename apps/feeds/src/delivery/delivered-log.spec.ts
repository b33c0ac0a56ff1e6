import type { DataSource } from 'typeorm';
import { DeliveredLog, type DeliveredAttempt } from './delivered-log';

function fakeDatabase(fail = false) {
  const transactions: string[][] = [];
  const dataSource = {
    transaction: async (work: (tx: { query: (sql: string) => Promise<unknown[]> }) => Promise<unknown>) => {
      const statements: string[] = [];
      transactions.push(statements);
      await work({
        query: async (sql: string) => {
          statements.push(sql);
          if (fail) throw new Error('connection lost');
          return [];
        },
      });
    },
  } as unknown as DataSource;
  return { dataSource, transactions };
}

const attempt = (index: number): DeliveredAttempt => ({
  deliveryId: `0b0e6a4e-0000-4000-8000-00000000000${index}`,
  claimToken: `claim-${index}`,
  subscriptionId: '0b0e6a4e-0000-4000-8000-0000000000aa',
  attempt: 1,
  attemptedAt: new Date(),
  status: 200,
  latencyMs: 2,
});

describe('the delivered log', () => {
  it('records attempts that finish together in one transaction, and answers each once it has committed', async () => {
    const { dataSource, transactions } = fakeDatabase();
    const log = new DeliveredLog(dataSource);
    const recorded = [1, 2, 3].map((index) => log.record(attempt(index)));
    expect(transactions).toHaveLength(0);
    await Promise.all(recorded);
    expect(transactions).toHaveLength(1);
    expect(transactions[0]!.some((sql) => sql.includes("SET state = 'DELIVERED'"))).toBe(true);
    await log.record(attempt(4));
    expect(transactions).toHaveLength(2);
  });

  it('fails every attempt of a batch that does not commit: none is taken as delivered', async () => {
    const log = new DeliveredLog(fakeDatabase(true).dataSource);
    const outcomes = await Promise.allSettled([log.record(attempt(1)), log.record(attempt(2))]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
  });

  it('writes what is pending when the service stops', async () => {
    const { dataSource, transactions } = fakeDatabase();
    const log = new DeliveredLog(dataSource);
    const recorded = log.record(attempt(1));
    await log.onModuleDestroy();
    expect(transactions).toHaveLength(1);
    await recorded;
  });
});
