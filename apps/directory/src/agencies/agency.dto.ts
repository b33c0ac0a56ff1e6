/** What a caller may send to create or change an agency, checked before anything is read or written. */
import { AgencyType } from '@cpx/contracts';
import { COUNTRY_CODE, LANGUAGE_TAG, NOT_BLANK } from '@cpx/platform';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { ContactInput } from '../contacts/contact.dto';

export const AGENCY_TYPES = Object.keys(AgencyType).filter((name) => Number.isNaN(Number(name)) && name !== 'UNSPECIFIED');

export class RegisterAgencyInput {
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
}

export class UpdateAgencyInput {
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
}
