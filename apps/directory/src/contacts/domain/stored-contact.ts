/** A contact as the directory keeps it (JSON beside the agency or the person): NFC, trimmed. */
export interface StoredContact {
  kind: string;
  value: string;
  label: string;
}

export function storedContacts(inputs: readonly StoredContact[]): StoredContact[] {
  return inputs.map((input) => ({ kind: input.kind, value: input.value.normalize('NFC').trim(), label: input.label.normalize('NFC').trim() }));
}
