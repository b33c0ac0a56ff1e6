/** What a platform admin sends to register an agency, checked before anything is read or written. */
import { AgencyType } from '@cpx/contracts';
import { COUNTRY_CODE, LANGUAGE_TAG, NOT_BLANK, validateInput } from '@cpx/platform';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ContactInput, contactInputs } from '../contacts/contact-input';
import type { DirectoryRequest } from '../directory-request';
import { canonicalLanguageTags } from '../languages/domain/language-tags';

export const AGENCY_TYPES = Object.keys(AgencyType).filter((name) => Number.isNaN(Number(name)) && name !== 'UNSPECIFIED');

export class RegisterAgencyCommand {
  @IsString() @Length(1, 200) @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @IsIn(AGENCY_TYPES, { message: `type must be one of ${AGENCY_TYPES.join(', ')}` })
  type!: string;

  @Matches(COUNTRY_CODE, { message: 'country must be an ISO 3166-1 alpha-2 code such as RS' })
  country!: string;

  @IsString() @Length(0, 200)
  locality!: string;

  @IsString() @Length(0, 500)
  jurisdiction!: string;

  @IsArray() @ArrayMaxSize(20) @Matches(LANGUAGE_TAG, { each: true, message: 'languages must be BCP 47 tags such as sr-Cyrl' })
  languages!: string[];

  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ContactInput)
  contacts!: ContactInput[];

  static from(request: DirectoryRequest<'registerAgency'>): RegisterAgencyCommand {
    return validateInput(RegisterAgencyCommand, {
      name: request.name,
      type: AgencyType[request.type],
      country: request.country,
      locality: request.locality,
      jurisdiction: request.jurisdiction,
      languages: canonicalLanguageTags(request.languages),
      contacts: contactInputs(request.contacts),
    });
  }
}
