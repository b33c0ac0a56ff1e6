/**
 * Postgres faked for the feeds' unit specs: every statement recorded, in order, whether it
 * runs on the data source, its manager, a transaction or as a prepared statement
 * (queryPrepared); `answer` gives each one's rows. A spec asserts what was written, and
 * that nothing was on a refusal.
 */
import type { DataSource, EntityManager } from 'typeorm';

export interface Statement {
  sql: string;
  parameters: unknown[];
}

export type Answer = (sql: string, parameters: unknown[]) => unknown[];

export interface FakeDatabase {
  dataSource: DataSource;
  /** A transaction's manager, for use cases that are given one. */
  tx: EntityManager;
  statements: Statement[];
  /** The statements that write (INSERT, UPDATE, DELETE), in one line each. */
  writes(): string[];
}

export function fakeDatabase(answer: Answer = () => []): FakeDatabase {
  const statements: Statement[] = [];
  const query = async (sql: string, parameters: unknown[] = []) => {
    statements.push({ sql, parameters });
    return answer(sql, parameters);
  };
  const client = { query: async (config: { text: string; values: unknown[] }) => ({ rows: await query(config.text, config.values) }) };
  const tx = { query, queryRunner: { isReleased: false, isTransactionActive: true, connect: async () => client } } as unknown as EntityManager;
  const dataSource = { query, manager: tx, transaction: async (work: (manager: EntityManager) => Promise<unknown>) => work(tx) } as unknown as DataSource;
  // Not `FOR NO KEY UPDATE`, a lock.
  const writes = () => statements.map((statement) => statement.sql.replace(/\s+/g, ' ').trim()).filter((sql) => /INSERT INTO|DELETE FROM|UPDATE \w+( \w+)? SET\b/.test(sql));
  return { dataSource, tx, statements, writes };
}
