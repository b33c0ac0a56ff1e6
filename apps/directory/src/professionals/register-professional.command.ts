/** What an agency admin sends to invite one of their people, checked before anything is read or written. */
import { ProfessionalRole } from '@cpx/contracts';
import { LANGUAGE_TAG, requireId, validateInput } from '@cpx/platform';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ContactInput, contactInputs } from '../contacts/contact-input';
import type { DirectoryRequest } from '../directory-request';
import { canonicalLanguageTags } from '../languages/domain/language-tags';
import { Name, PROFESSIONAL_ROLES } from './professional-fields';

export class RegisterProfessionalCommand {
  /** Checked as an id before the rest (requireId), so it carries no rule of its own. */
  agencyId!: string;

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

  static from(request: DirectoryRequest<'registerProfessional'>): RegisterProfessionalCommand {
    const agencyId = requireId(request.agencyId, 'input.agencyId');
    return validateInput(RegisterProfessionalCommand, {
      agencyId,
      givenName: request.givenName,
      familyName: request.familyName,
      role: ProfessionalRole[request.role],
      languages: canonicalLanguageTags(request.languages),
      expertise: request.expertise,
      contacts: contactInputs(request.contacts),
      subject: request.subject,
    });
  }
}
