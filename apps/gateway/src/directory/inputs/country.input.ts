import { Field, InputType } from '@nestjs/graphql';
import { IsCountryCode, IsLanguageTags, IsName } from '../../graphql/field-rules';

@InputType('RegisterCountryInput')
export class RegisterCountryInput {
  @Field({ description: 'ISO 3166-1 alpha-2 code in capitals, e.g. "MT" ("XK" for Kosovo).' })
  @IsCountryCode()
  code!: string;

  @Field({ description: 'The English short name, e.g. "Malta".' })
  @IsName()
  name!: string;

  @Field(() => [String], { defaultValue: [], description: 'The languages its professionals work in, as BCP 47 tags.' })
  @IsLanguageTags()
  languages!: string[];
}
