/** What a professional or their admin sends to change a record: only the fields given change. */
import { ProfessionalRole } from '@cpx/contracts';
import { LANGUAGE_TAG, requireId, validateInput } from '@cpx/platform';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { ContactInput, contactInputs } from '../contacts/contact-input';
import type { DirectoryRequest } from '../directory-request';
import { canonicalLanguageTags } from '../languages/domain/language-tags';
import { Name, PROFESSIONAL_ROLES, versionOf } from './professional-fields';

/** The changes a command may carry: each field, when given, replaces the stored one. */
export class ProfessionalChanges {
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

export class UpdateProfessionalCommand {
  private constructor(
    readonly id: string,
    readonly changes: ProfessionalChanges,
  ) {}

  static from(request: DirectoryRequest<'updateProfessional'>): UpdateProfessionalCommand {
    const id = requireId(request.id, 'id');
    const changes = validateInput(ProfessionalChanges, {
      givenName: request.givenName,
      familyName: request.familyName,
      role: request.role === undefined ? undefined : ProfessionalRole[request.role],
      languages: canonicalLanguageTags(request.languages?.languages),
      expertise: request.expertise?.expertise,
      contacts: request.contacts ? contactInputs(request.contacts.contacts) : undefined,
      subject: request.subject,
      expectedVersion: versionOf(request.expectedVersion),
    });
    return new UpdateProfessionalCommand(id, changes);
  }
}
