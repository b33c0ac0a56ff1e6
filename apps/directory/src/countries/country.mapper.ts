/** Countries to protobuf. */
import type { MessageInitShape } from '@bufbuild/protobuf';
import type { CountrySchema } from '@cpx/contracts';
import type { CountryRow } from './country.store';

export function countryMessage(country: CountryRow): MessageInitShape<typeof CountrySchema> {
  return { code: country.code, name: country.name, languages: country.languages };
}
