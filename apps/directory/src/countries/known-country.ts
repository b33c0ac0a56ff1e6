/** Partner states are data: a country is valid when the directory has a row for it. */
import { DomainError } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import { countryExists } from './country.store';

export async function assertKnownCountry(manager: EntityManager, code: string, field: string): Promise<void> {
  if (!(await countryExists(manager, code))) throw DomainError.badInput(field, `${field}: ${code} is not a country taking part in CPX.`);
}
