/** What a platform admin sends to change an agency: only the fields given change. */
import { AgencyType } from '@cpx/contracts';
import { COUNTRY_CODE, LANGUAGE_TAG, NOT_BLANK, requireId, validateInput } from '@cpx/platform';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { ContactInput, contactInputs } from '../contacts/contact-input';
import type { DirectoryRequest } from '../directory-request';
import { canonicalLanguageTags } from '../languages/domain/language-tags';
import { AGENCY_TYPES } from './register-agency.command';

export class UpdateAgencyCommand {
  /** Checked as an id before the rest (requireId), so it carries no rule of its own. */
  id!: string;

  @IsOptional() @IsString() @Length(1, 200) @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name?: string;

  @IsOptional() @IsIn(AGENCY_TYPES, { message: `type must be one of ${AGENCY_TYPES.join(', ')}` })
  type?: string;

  @IsOptional() @Matches(COUNTRY_CODE, { message: 'country must be an ISO 3166-1 alpha-2 code such as RS' })
  country?: string;

  @IsOptional() @IsString() @Length(0, 200)
  locality?: string;

  @IsOptional() @IsString() @Length(0, 500)
  jurisdiction?: string;

  @IsOptional() @IsArray() @ArrayMaxSize(20) @Matches(LANGUAGE_TAG, { each: true, message: 'languages must be BCP 47 tags such as sr-Cyrl' })
  languages?: string[];

  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ContactInput)
  contacts?: ContactInput[];

  @IsOptional() @IsInt() @Min(1)
  expectedVersion?: number;

  static from(request: DirectoryRequest<'updateAgency'>): UpdateAgencyCommand {
    const id = requireId(request.id, 'id');
    return validateInput(UpdateAgencyCommand, {
      id,
      name: request.name,
      type: request.type === undefined ? undefined : AgencyType[request.type],
      country: request.country,
      locality: request.locality,
      jurisdiction: request.jurisdiction,
      languages: canonicalLanguageTags(request.languages?.languages),
      contacts: request.contacts ? contactInputs(request.contacts.contacts) : undefined,
      expectedVersion: request.expectedVersion === undefined ? undefined : Number(request.expectedVersion),
    });
  }
}
