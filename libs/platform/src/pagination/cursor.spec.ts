import { decodeKeyCursor, encodeCursor } from './cursor';

const ID = '3f2b9c1e-8d4a-4e6b-9f0a-1c2d3e4f5a6b';

describe('keyset cursors', () => {
  it('gives back the key of a cursor this API issued, and nothing for no cursor', () => {
    expect(decodeKeyCursor(encodeCursor(['Ђорђевић', 'Ана', ID]), ['text', 'text', 'uuid'])).toEqual(['Ђорђевић', 'Ана', ID]);
    expect(decodeKeyCursor('', ['text', 'uuid'])).toEqual([]);
  });

  it('refuses forged and foreign cursors as the field at fault, before any SQL', () => {
    const forged = [
      'not-a-cursor',
      encodeCursor([]),
      encodeCursor(['x', 'y']),
      encodeCursor(['name', 42]),
      encodeCursor(['name', ID, 'extra']),
      encodeCursor(['name\u0000', ID]),
      encodeCursor(['Ана', 'Ђорђевић', ID]),
    ];
    for (const cursor of forged) {
      expect(() => decodeKeyCursor(cursor, ['text', 'uuid'], 'page.after')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'page.after' }));
    }
  });
});
