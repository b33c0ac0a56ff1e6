import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { GetProfessionalRequestSchema, RegisterAgencyRequestSchema } from '@cpx/contracts';
import { assertPlainText, forbiddenCharacterIn } from './plain-text';

/** What a service decodes: the message as it crossed the wire. */
function decoded<T extends Parameters<typeof create>[0]>(schema: T, init: Parameters<typeof create<T>>[1]) {
  return fromBinary(schema, toBinary(schema, create(schema, init)));
}

function failure(message: unknown): { code: string; field?: string; message: string } | undefined {
  try {
    assertPlainText(message);
    return undefined;
  } catch (error) {
    return error as { code: string; field?: string; message: string };
  }
}

describe('plain text in requests', () => {
  it('lets every script and its diacritics, line breaks, tabs and emoji sequences through', () => {
    for (const text of [
      'Ђорђевић', 'Παπαδόπουλος', 'Đorđević', 'Ѓорѓи Ќосев', 'Ștefan Țurcanu', 'Ş ţ ă â î', 'Hoxhës, Xhemajl', 'Čhavo ćhaj ʒukel θem', 'Йордан, Щерев, ъ ь',
      'Ἀλέξανδρος', 'محمد', 'line one\nline two\r\n\tindented', "'; DROP TABLE agency; --", '<script>alert(1)</script>',
      '👨‍👩‍👧 family', '👩🏽‍⚕️ doctor', '🏳️‍🌈', '🇷🇸', '😀',
    ]) {
      expect({ text, found: forbiddenCharacterIn(text) }).toEqual({ text, found: undefined });
    }
    expect(failure(decoded(RegisterAgencyRequestSchema, { name: 'Центар за социјални рад', contacts: [{ value: '+381 11 000', label: '24/7' }] }))).toBeUndefined();
  });

  it.each([
    ['zero-width space', 'Mar\u200Bko', 'U+200B'],
    ['zero-width non-joiner', 'Mar\u200Cko', 'U+200C'],
    ['zero-width joiner between letters', 'Mar\u200Dko', 'U+200D'],
    ['zero-width joiner after an emoji, before a letter', '😀\u200Dko', 'U+200D'],
    ['left-to-right mark', 'Mar\u200Eko', 'U+200E'],
    ['soft hyphen', 'Mar\u00ADko', 'U+00AD'],
    ['word joiner', 'Mar\u2060ko', 'U+2060'],
    ['invisible separator', 'Mar\u2063ko', 'U+2063'],
    ['byte order mark', '\uFEFFMarko', 'U+FEFF'],
    ['Arabic letter mark', 'Mar\u061Cko', 'U+061C'],
    ['Mongolian vowel separator', 'Mar\u180Eko', 'U+180E'],
    ['a tag character', 'Mar\u{E0041}ko', 'U+E0041'],
    ['a lone high surrogate', 'Mar\uD800ko', 'U+D800'],
    ['a lone low surrogate', 'Mar\uDC00ko', 'U+DC00'],
    ['a high surrogate at the end', 'Marko\uD83D', 'U+D83D'],
  ])('refuses a %s', (_label, text, found) => {
    expect(forbiddenCharacterIn(text)).toBe(found);
    // On the wire a lone surrogate cannot be: encoding to UTF-8 turns it into U+FFFD. The
    // gateway sees it in the GraphQL variables and refuses it there, with this check.
    const message = found.startsWith('U+D') ? { name: 'ok', jurisdiction: text } : decoded(RegisterAgencyRequestSchema, { name: 'ok', jurisdiction: text });
    expect(failure(message)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'jurisdiction' });
  });

  it('refuses NUL, other controls and bidirectional overrides, naming the field at fault', () => {
    expect(failure(decoded(RegisterAgencyRequestSchema, { name: 'a\u0000b' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name', message: expect.stringContaining('U+0000') });
    expect(failure(decoded(RegisterAgencyRequestSchema, { name: 'ok', contacts: [{ value: 'ok' }, { value: 'x', label: 'evil\u202Eexe.txt' }] }))).toMatchObject({
      field: 'contacts.1.label',
      message: expect.stringContaining('U+202E'),
    });
    expect(failure(decoded(RegisterAgencyRequestSchema, { languages: ['en', 'sr\u0007'] }))).toMatchObject({ field: 'languages.1' });
    expect(failure(decoded(GetProfessionalRequestSchema, { lookup: { case: 'subject', value: 'user\u0085' } }))).toMatchObject({ field: 'lookup.subject' });
    for (const character of ['\u0001', '\u001B', '\u007F', '\u009B', '\u2066', '\uFFFF']) {
      expect(forbiddenCharacterIn(`x${character}`)).toMatch(/^U\+[0-9A-F]{4}$/);
    }
  });
});
