/** How a person or an agency is reached: validated at the edge, stored as JSON. */
import { ContactKind, type Contact } from '@cpx/contracts';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { NOT_BLANK } from '@cpx/platform';
import type { StoredContact } from '../agencies/agency.entity';

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

export function contactInputs(contacts: Contact[]): ContactInput[] {
  return contacts.map((contact) => ({ kind: ContactKind[contact.kind], value: contact.value, label: contact.label }));
}

export function storedContacts(inputs: ContactInput[]): StoredContact[] {
  return inputs.map((input) => ({ kind: input.kind, value: input.value.normalize('NFC').trim(), label: input.label.normalize('NFC').trim() }));
}

export function contactMessages(stored: StoredContact[]): { kind: ContactKind; value: string; label: string }[] {
  return stored.map((contact) => ({
    kind: ContactKind[contact.kind as keyof typeof ContactKind] ?? ContactKind.OTHER,
    value: contact.value,
    label: contact.label,
  }));
}
