/** Partner states are data: a country is valid when the directory has a row for it. */
import { DomainError } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import { CountryEntity } from './country.entity';

export async function assertKnownCountry(manager: EntityManager, code: string, field: string): Promise<void> {
  const known = await manager.existsBy(CountryEntity, { code });
  if (!known) throw DomainError.badInput(field, `${field}: ${code} is not a country taking part in CPX.`);
}

export async function listCountries(manager: EntityManager): Promise<CountryEntity[]> {
  return manager.find(CountryEntity, { order: { code: 'ASC' } });
}
