import type { Country } from '@cpx/contracts';
import type { CountryObject } from '../types/country.type';

export function toCountry(country: Country): CountryObject {
  return { code: country.code, name: country.name, languages: country.languages };
}
