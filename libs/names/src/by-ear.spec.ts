import { byEarKey } from './by-ear';
import { foldText } from './folding';
import { romanise, ROMANISATIONS, transliterate } from './romanisation';

const key = (text: string) => byEarKey(transliterate(foldText(text)));
const greekByEar = (text: string) => byEarKey(romanise(foldText(text), ROMANISATIONS['el-phonetic']!));

describe('byEarKey', () => {
  it('hears doubled letters once and ck, c, q as k: a loanword meets its spelling by ear in any script', () => {
    expect(key('trafficking')).toBe(key('trafiking'));
    expect(key('трафикинг')).toBe(key('Trafficking'));
  });

  it('meets Greeklish with the Greek it stands for, however the vowels were typed', () => {
    for (const greeklish of ['paidia', 'pedia', 'paidia']) expect(key(greeklish)).toBe(key('παιδιά'));
    expect(key('paidiwn')).toBe(key('παιδιών'));
    expect(key('emporia')).toBe(key('εμπορία'));
    expect(key('emboria')).toBe(greekByEar('εμπορία'));
    expect(key('8ymata')).toBe(key('θύματα'));
    expect(key('thimata')).toBe(key('θύματα'));
    expect(key('paidikh')).toBe(key('παιδική'));
    expect(key('xwris')).toBe(key('χωρίς'));
    expect(key('hwris')).toBe(greekByEar('χωρίς'));
    for (const greeklish of ['asynodeyta', 'asinodefta', 'asynodeuta', 'asynodevta']) expect(key(greeklish)).toBe(key('ασυνόδευτα'));
  });

  it('leaves numbers as they are', () => {
    expect(byEarKey('2024')).toBe('2024');
    expect(byEarKey('38')).toBe('38');
  });

  it('is lossy on purpose, and only a key: unrelated words may share it', () => {
    expect(byEarKey('center')).toBe(byEarKey('kenter'));
  });
});
