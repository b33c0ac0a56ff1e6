/** A platform admin's request to register a partner organisation, optionally limited to some countries. */
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, Length } from 'class-validator';
import { validateInput } from '@cpx/platform';
import { MAX_COUNTRIES, requireCountries } from './domain/subscription-rules';

export interface RegisterPartnerRequest {
  name: string;
  countries: string[];
}

export class RegisterPartnerCommand {
  /** As people will read it: NFC, no surrounding white space. */
  @Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value))
  @IsString()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  name!: string;

  /** None: every country. */
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(MAX_COUNTRIES, { message: `must have at most ${MAX_COUNTRIES} entries` })
  countries!: string[];

  static from(request: RegisterPartnerRequest): RegisterPartnerCommand {
    const command = validateInput(RegisterPartnerCommand, { name: request.name, countries: request.countries });
    command.countries = requireCountries(command.countries, 'input.countries');
    return command;
  }
}
