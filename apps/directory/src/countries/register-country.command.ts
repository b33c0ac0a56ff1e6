/** What a platform admin sends to register a country, checked before anything is read or written. */
import { COUNTRY_CODE, LANGUAGE_TAG, NOT_BLANK, validateInput } from '@cpx/platform';
import { ArrayMaxSize, IsArray, IsString, Length, Matches } from 'class-validator';
import type { DirectoryRequest } from '../directory-request';
import { canonicalLanguageTags } from '../languages/domain/language-tags';

export class RegisterCountryCommand {
  // Capitals only, as every other country field of CPX: "mt" is refused, not guessed at.
  @IsString() @Matches(COUNTRY_CODE, { message: 'code must be an ISO 3166-1 alpha-2 code in capitals, such as MT' })
  code!: string;

  @IsString() @Length(1, 200) @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @IsArray() @ArrayMaxSize(20) @Matches(LANGUAGE_TAG, { each: true, message: 'languages must be BCP 47 tags such as mt or sr-Cyrl' })
  languages!: string[];

  static from(request: Pick<DirectoryRequest<'registerCountry'>, 'code' | 'name' | 'languages'>): RegisterCountryCommand {
    return validateInput(RegisterCountryCommand, {
      code: request.code,
      name: request.name,
      languages: canonicalLanguageTags(request.languages),
    });
  }
}
