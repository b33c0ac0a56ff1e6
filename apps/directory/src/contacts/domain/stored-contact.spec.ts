import { storedContacts } from './stored-contact';

describe('contacts as stored', () => {
  it('keeps the kind and writes value and label in NFC, without surrounding space', () => {
    const decomposed = 'Petrovic\u0301'; // c + combining acute
    expect(storedContacts([{ kind: 'PHONE', value: ' +381 11 123 ', label: ` ${decomposed} ` }])).toEqual([
      { kind: 'PHONE', value: '+381 11 123', label: 'Petrović' },
    ]);
  });

  it('keeps the order and every contact', () => {
    const contacts = [
      { kind: 'EMAIL', value: 'a@example.org', label: '' },
      { kind: 'OTHER', value: 'Signal', label: 'night' },
    ];
    expect(storedContacts(contacts)).toEqual(contacts);
  });
});
