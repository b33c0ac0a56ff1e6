/** What a caller may send to register or change a professional. */
import { ProfessionalRole } from '@cpx/contracts';
import { LANGUAGE_TAG, NOT_BLANK } from '@cpx/platform';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { ContactInput } from '../contacts/contact.dto';

export const PROFESSIONAL_ROLES = Object.keys(ProfessionalRole).filter(
  (name) => Number.isNaN(Number(name)) && name !== 'UNSPECIFIED',
);

const NAME_RULES = [IsString(), Length(1, 200), Matches(NOT_BLANK, { message: 'must not be blank' })];
function Name(): PropertyDecorator {
  return (target, key) => NAME_RULES.forEach((rule) => rule(target, key));
}

export class RegisterProfessionalInput {
  @Name() givenName!: string;
  @Name() familyName!: string;

  @IsIn(PROFESSIONAL_ROLES, { message: `role must be one of ${PROFESSIONAL_ROLES.join(', ')}` })
  role!: string;

  @IsArray() @ArrayMaxSize(20) @Matches(LANGUAGE_TAG, { each: true, message: 'languages must be BCP 47 tags such as sr-Cyrl' })
  languages!: string[];

  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 100, { each: true })
  expertise!: string[];

  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ContactInput)
  contacts!: ContactInput[];

  @IsOptional() @IsString() @Length(1, 255)
  subject?: string;
}

export class UpdateProfessionalInput {
  @IsOptional() @Name() givenName?: string;
  @IsOptional() @Name() familyName?: string;

  @IsOptional() @IsIn(PROFESSIONAL_ROLES, { message: `role must be one of ${PROFESSIONAL_ROLES.join(', ')}` })
  role?: string;

  @IsOptional() @IsArray() @ArrayMaxSize(20) @Matches(LANGUAGE_TAG, { each: true, message: 'languages must be BCP 47 tags such as sr-Cyrl' })
  languages?: string[];

  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 100, { each: true })
  expertise?: string[];

  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ContactInput)
  contacts?: ContactInput[];

  @IsOptional() @IsString() @Length(1, 255)
  subject?: string;

  @IsOptional() @IsInt() @Min(1)
  expectedVersion?: number;
}

export class SuspensionInput {
  @IsString() @Length(1, 2000) @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}
