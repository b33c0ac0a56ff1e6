/** The readiness probe's one query. */
import type { EntityManager } from 'typeorm';

/** Whether the database answers at all. */
export async function databaseAnswers(manager: EntityManager): Promise<boolean> {
  return manager
    .query('SELECT 1')
    .then(() => true)
    .catch(() => false);
}
