import { foldText } from './folding';
import { asLatinLookAlike, asScriptLookAlike } from './homoglyphs';
import { isFormatCharacter, withoutInvisibleCharacters } from './invisible-characters';
import { romanisations } from './romanisation';

const spellings = (text: string) => romanisations(foldText(text));

describe('romanisations', () => {
  it('writes Latin text once, as it is', () => {
    expect(spellings('Jovanović')).toEqual(['jovanovic']);
  });

  it('writes Serbian, Macedonian and Bulgarian Cyrillic after their official romanisations, and Russian-style', () => {
    expect(spellings('Ђорђе')).toEqual(['djordje']);
    expect(spellings('Ѓорѓи Ќосев')).toEqual(['gjorgji kjosev']);
    expect(spellings('Щерев')).toEqual(expect.arrayContaining(['shterev', 'shcherev']));
    expect(spellings('Игорь Хохлов')).toEqual(expect.arrayContaining(['igory hohlov', 'igor khokhlov']));
  });

  it('writes Greek after ELOT 743 and by ear', () => {
    expect(spellings('Γιώργος')).toEqual(expect.arrayContaining(['giorgos', 'yorgos']));
    expect(spellings('Χρήστος')).toEqual(expect.arrayContaining(['christos', 'hristos']));
    expect(spellings('Λάμπρος')).toEqual(expect.arrayContaining(['labros', 'lambros']));
    expect(spellings('Μπάμπης')).toEqual(expect.arrayContaining(['babis']));
    expect(spellings('Παπαδόπουλος')).toEqual(expect.arrayContaining(['papadopoulos', 'papadopulos']));
  });
});

describe('what a reader cannot see, and what looks like something else', () => {
  it('removes format characters and blank-rendering letters', () => {
    expect(withoutInvisibleCharacters('M\u200Ba\u200Cr\u200Dk\u2060o\u00AD\uFEFF\u180E\u034F\u3164')).toBe('Marko');
    expect(isFormatCharacter(0x200b)).toBe(true);
    expect(isFormatCharacter(0x0107)).toBe(false); // ć
  });

  it('reads Cyrillic and Greek look-alikes as Latin, and Latin look-alikes in a Cyrillic or Greek word as that script', () => {
    expect(asLatinLookAlike('Jovanovi\u0441')).toBe('Jovanovic');
    expect(asLatinLookAlike('\u039C\u0391RKO')).toBe('MARKO');
    expect(asScriptLookAlike('Map\u043Ao')).toBe('Марко');
    expect(asScriptLookAlike('Marko')).toBeUndefined();
  });
});
