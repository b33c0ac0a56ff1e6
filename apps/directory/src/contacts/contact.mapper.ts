/** Stored contacts to protobuf. */
import { ContactKind } from '@cpx/contracts';
import type { StoredContact } from './domain/stored-contact';

export function contactMessages(stored: StoredContact[]): { kind: ContactKind; value: string; label: string }[] {
  return stored.map((contact) => ({
    kind: ContactKind[contact.kind as keyof typeof ContactKind] ?? ContactKind.OTHER,
    value: contact.value,
    label: contact.label,
  }));
}
