/** How a person or an agency is reached, as a command carries it: validated at the edge. */
import { ContactKind, type Contact } from '@cpx/contracts';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { NOT_BLANK } from '@cpx/platform';

const CONTACT_KINDS = ['EMAIL', 'PHONE', 'OTHER'] as const;

export class ContactInput {
  @IsIn(CONTACT_KINDS, { message: 'kind must be EMAIL, PHONE or OTHER' })
  kind!: string;

  @IsString()
  @Length(1, 320)
  @Matches(NOT_BLANK, { message: 'value must not be blank' })
  value!: string;

  @IsString()
  @Length(0, 100)
  label!: string;
}

/** The decoded request's contacts, as plain input for a command to validate. */
export function contactInputs(contacts: Contact[]): ContactInput[] {
  return contacts.map((contact) => ({ kind: ContactKind[contact.kind], value: contact.value, label: contact.label }));
}
