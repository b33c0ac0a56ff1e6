import type { MessageInitShape } from '@bufbuild/protobuf';
import type { Country, RegisterCountryRequestSchema } from '@cpx/contracts';
import type { RegisterCountryInput } from '../inputs/country.input';
import type { CountryObject } from '../types/country.type';

export function toCountry(country: Country): CountryObject {
  return { code: country.code, name: country.name, languages: country.languages };
}

export function registerCountryRequest(input: RegisterCountryInput): MessageInitShape<typeof RegisterCountryRequestSchema> {
  return { code: input.code, name: input.name, languages: input.languages };
}
