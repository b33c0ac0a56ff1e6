import { forbiddenCharacterIn } from '@cpx/platform';
import { curatedTheme, curatedThemeLabel, labelKey, type CuratedTheme } from './curated-theme';
import { AGE_BANDS, ageBandOf, TARGET_GROUP_CODES, TARGET_GROUP_LABELS } from './target-groups';
import { THEME_CODES, THEME_LABELS, themeLabel } from './themes';
import { assertTargetGroups, assertThemes } from './vocabulary';
import { serbianCyrillic, VOCABULARY_LANGUAGES } from './vocabulary-languages';
import { refused } from '../../../test/domain/refused';


describe('the built-in vocabulary', () => {
  it('has the fifteen themes of the issue, each labelled in all thirteen languages, none blank, none shared by two themes', () => {
    expect(THEME_CODES).toHaveLength(15);
    expect(THEME_CODES).toContain('TRAFFICKING_SEXUAL_EXPLOITATION');
    for (const language of VOCABULARY_LANGUAGES) {
      const labels = THEME_CODES.map((code) => THEME_LABELS[code][language]);
      labels.forEach((label) => expect(label.trim()).not.toBe(''));
      expect(new Set(labels.map(labelKey)).size).toBe(labels.length);
    }
  });

  it('labels every target group in all thirteen languages, in plain text', () => {
    for (const code of TARGET_GROUP_CODES) {
      for (const language of VOCABULARY_LANGUAGES) {
        const label = TARGET_GROUP_LABELS[code][language];
        expect(label.trim()).not.toBe('');
        expect(forbiddenCharacterIn(label)).toBeUndefined();
      }
    }
    expect(TARGET_GROUP_LABELS.AGE_12_14.fr).toBe('12–14 ans');
    expect(TARGET_GROUP_LABELS.ROMA_CHILDREN['sr-Cyrl']).toBe('Ромска деца');
  });

  it('writes Serbian Cyrillic labels in Cyrillic only, derived letter for letter from the Latin ones', () => {
    expect(serbianCyrillic('Prinudno prosjačenje')).toBe('Принудно просјачење');
    expect(serbianCyrillic('Džep i ljubav, Njegoš')).toBe('Џеп и љубав, Његош');
    for (const code of THEME_CODES) expect(THEME_LABELS[code]['sr-Cyrl']).not.toMatch(/[A-Za-zčćđšž]/);
    expect(themeLabel('MISSING_CHILDREN', 'sr-Cyrl')).toBe('Нестала деца');
  });

  it('has age bands covering 0 to 17 without gap or overlap', () => {
    for (let age = 0; age <= 17; age += 1) expect(AGE_BANDS.filter((band) => age >= band.from && age <= band.to)).toHaveLength(1);
    expect(ageBandOf(13)?.code).toBe('AGE_12_14');
    expect(ageBandOf(18)).toBeUndefined();
    expect(ageBandOf(-1)).toBeUndefined();
    expect(ageBandOf(4.5)).toBeUndefined();
  });
});

describe('checking the codes a caller sent', () => {
  const curated: CuratedTheme[] = [{ code: 'SPORT_PROGRAMMES', labels: { en: 'Sport programmes' } }];

  it('takes built-in and curated themes, and refuses an unknown or repeated one naming its place', () => {
    expect(() => assertThemes(['CHILD_MARRIAGE', 'SPORT_PROGRAMMES'], curated, 'input.themes')).not.toThrow();
    const unknown = refused(() => assertThemes(['CHILD_MARRIAGE', 'FORCED_BEGGING', 'child_marriage'], curated, 'input.themes'));
    expect(unknown).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.themes.2' });
    expect(refused(() => assertThemes(['FORCED_BEGGING', 'FORCED_BEGGING'], [], 'input.themes')).field).toBe('input.themes.1');
  });

  it('takes known target groups only', () => {
    expect(() => assertTargetGroups(['GIRLS', 'AGE_0_5'], 'input.targetGroups')).not.toThrow();
    expect(refused(() => assertTargetGroups(['GIRLS', 'TEENAGERS'], 'input.targetGroups')).field).toBe('input.targetGroups.1');
  });
});

describe('a curated theme', () => {
  const existing: CuratedTheme[] = [{ code: 'SPORT_PROGRAMMES', labels: { en: 'Sport programmes', fr: 'Programmes sportifs' } }];

  it('is stored with its labels trimmed and in NFC, falling back to English where it has no label', () => {
    const theme = curatedTheme({ code: 'SCHOOL_DROPOUT', labels: { en: ' School drop-out ', ro: 'Abandon s\u0327colar' } }, existing);
    expect(theme).toEqual({ code: 'SCHOOL_DROPOUT', labels: { en: 'School drop-out', ro: 'Abandon şcolar' } });
    expect(curatedThemeLabel(theme, 'mk')).toBe('School drop-out');
    expect(curatedThemeLabel(theme, 'ro')).toBe('Abandon şcolar');
  });

  it.each([
    ['school_dropout'],
    ['SD'],
    ['SCHOOL__DROPOUT'],
    ['_SCHOOL'],
    ['SCHOOL-DROPOUT'],
    ['ŠKOLA'],
    ['A'.repeat(65)],
  ])('refuses the code %s', (code) => {
    expect(refused(() => curatedTheme({ code, labels: { en: 'x' } }, existing))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
  });

  it('refuses a code taken by a built-in or curated theme as a CONFLICT', () => {
    expect(refused(() => curatedTheme({ code: 'CHILD_MARRIAGE', labels: { en: 'Weddings' } }, existing)).code).toBe('CONFLICT');
    expect(refused(() => curatedTheme({ code: 'SPORT_PROGRAMMES', labels: { en: 'Sports' } }, existing)).code).toBe('CONFLICT');
  });

  it('refuses a label that reads as another theme’s in the same language, whatever its case and accents', () => {
    const clash = refused(() => curatedTheme({ code: 'BEGGING', labels: { en: 'Begging', fr: 'MENDICITE FORCEE' } }, existing));
    expect(clash).toMatchObject({ code: 'CONFLICT', field: 'input.labels.fr' });
    expect(refused(() => curatedTheme({ code: 'SPORTS', labels: { en: 'sport  programmes' } }, existing)).field).toBe('input.labels.en');
  });

  it('needs an English label, and refuses blank, long, multi-line, invisible-character and unknown-language labels', () => {
    expect(refused(() => curatedTheme({ code: 'SPORTS', labels: { fr: 'Sports' } }, existing)).field).toBe('input.labels.en');
    expect(refused(() => curatedTheme({ code: 'SPORTS', labels: { en: '  ' } }, existing)).field).toBe('input.labels.en');
    expect(refused(() => curatedTheme({ code: 'SPORTS', labels: { en: 'x'.repeat(81) } }, existing)).field).toBe('input.labels.en');
    expect(refused(() => curatedTheme({ code: 'SPORTS', labels: { en: 'Sports\nand games' } }, existing)).field).toBe('input.labels.en');
    expect(refused(() => curatedTheme({ code: 'SPORTS', labels: { en: 'Spo\u200Brts' } }, existing)).field).toBe('input.labels.en');
    expect(refused(() => curatedTheme({ code: 'SPORTS', labels: { en: 'Sports', de: 'Sport' } }, existing)).field).toBe('input.labels.de');
  });
});
