import { Field, ObjectType } from '@nestjs/graphql';
import { ContactKindEnum, type ContactKindName } from './directory.enums';

@ObjectType('Contact', { description: 'A way to reach an agency or a professional.' })
export class ContactObject {
  @Field(() => ContactKindEnum)
  kind!: ContactKindName;

  @Field({ description: 'An e-mail address, an E.164 phone number, or free text for OTHER.' })
  value!: string;

  @Field(() => String, { nullable: true, description: 'What the contact is for, e.g. "24/7 hotline".' })
  label!: string | null;
}
