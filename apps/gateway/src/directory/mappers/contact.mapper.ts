import type { MessageInitShape } from '@bufbuild/protobuf';
import { ContactKind, type Contact, type ContactSchema } from '@cpx/contracts';
import type { ContactInput } from '../inputs/contact.input';
import type { ContactObject } from '../types/contact.type';
import { enumValue, requiredEnumName, textOrNull } from '../../graphql/proto-values';

export function toContact(contact: Contact): ContactObject {
  return { kind: requiredEnumName(ContactKind, contact.kind, 'contact.kind'), value: contact.value, label: textOrNull(contact.label) };
}

export function contactToProto(input: ContactInput): MessageInitShape<typeof ContactSchema> {
  return { kind: enumValue(ContactKind, input.kind), value: input.value, label: input.label ?? '' };
}
