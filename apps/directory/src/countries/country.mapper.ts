import type { MessageInitShape } from '@bufbuild/protobuf';
import type { CountrySchema } from '@cpx/contracts';
import type { CountryEntity } from './country.entity';

export function countryMessage(country: CountryEntity): MessageInitShape<typeof CountrySchema> {
  return { code: country.code, name: country.name, languages: country.languages };
}
