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
  it('lets every script, line breaks, tabs and zero-width joiners through', () => {
    for (const text of ['Ђорђевић', 'Παπαδόπουλος', 'Đorđević', 'محمد', 'line one\nline two\r\n\tindented', 'क्‍ष', "'; DROP TABLE agency; --", '<script>alert(1)</script>']) {
      expect(forbiddenCharacterIn(text)).toBeUndefined();
    }
    expect(failure(decoded(RegisterAgencyRequestSchema, { name: 'Центар\u200Dза', contacts: [{ value: '+381 11 000', label: '24/7' }] }))).toBeUndefined();
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
