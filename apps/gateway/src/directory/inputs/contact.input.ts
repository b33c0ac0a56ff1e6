import { Field, InputType } from '@nestjs/graphql';
import { IsOneOf, IsText, MAX_CONTACT_VALUE_LENGTH, MAX_NAME_LENGTH, IsRequiredText } from '../../graphql/field-rules';
import { ContactKindEnum, type ContactKindName } from '../types/directory.enums';

@InputType('ContactInput')
export class ContactInput {
  @Field(() => ContactKindEnum)
  @IsOneOf(ContactKindEnum)
  kind!: ContactKindName;

  @Field({ description: 'An e-mail address, an E.164 phone number, or free text for OTHER (at most 320 characters).' })
  @IsRequiredText(MAX_CONTACT_VALUE_LENGTH)
  value!: string;

  @Field(() => String, { nullable: true })
  @IsText(MAX_NAME_LENGTH, true)
  label?: string | null;
}
