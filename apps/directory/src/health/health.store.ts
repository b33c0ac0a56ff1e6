/** The readiness probe's one query: does the database answer at all. */
import type { EntityManager } from 'typeorm';

export async function databaseAnswers(manager: EntityManager): Promise<boolean> {
  return manager
    .query('SELECT 1')
    .then(() => true)
    .catch(() => false);
}
