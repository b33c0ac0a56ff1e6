import { findChildNameIn, foldForSearch, NameGuard, nameKeys } from './name-guard';
import { HOSTILE_TEXTS, INNOCENT_TEXTS } from './testing/name-tables';

describe('the name guard', () => {
  it.each(HOSTILE_TEXTS)('finds %s in "%s"', (names, text) => {
    expect(findChildNameIn(text, names)).toEqual({ found: true, name: expect.any(String) });
  });

  it.each(INNOCENT_TEXTS)('does not find %s in "%s"', (names, text) => {
    expect(findChildNameIn(text, names)).toEqual({ found: false });
  });

  it('reports which of the names it found, as given', () => {
    expect(findChildNameIn('Traži se Jovanovića', ['Marko', 'Jovanović'])).toEqual({ found: true, name: 'Jovanović' });
    expect(findChildNameIn('Traži se Marka', ['Ana Marko'])).toEqual({ found: true, name: 'Ana Marko' });
  });

  it('guards nothing for names too short to tell from ordinary words, and nothing in an empty text', () => {
    const guard = new NameGuard(['Al', 'Jo', '']);
    expect(guard.isEmpty).toBe(true);
    expect(guard.findIn('Al and Jo missing')).toEqual({ found: false });
    expect(new NameGuard(['Marko']).findIn('')).toEqual({ found: false });
  });

  it('guards a short name only as the whole word', () => {
    const ana = new NameGuard(['Ana']);
    expect(ana.findIn('Ana')).toMatchObject({ found: true });
    expect(ana.findIn('ANA missing')).toMatchObject({ found: true });
    for (const text of ['analysis', 'banana', 'Anatolia', 'Ane', 'a na sreću', 'de 12 ani']) expect(ana.findIn(text)).toEqual({ found: false });
  });

  it('gives every spelling of a name the same comparable forms', () => {
    expect(nameKeys('Марко Јовановић')).toEqual(['marko', 'jovanovic']);
    expect(nameKeys('Marko Jovanović')).toEqual(['marko', 'jovanovic']);
    expect(nameKeys('Γιώργος')).toEqual(expect.arrayContaining(['giorgos', 'jorgos']));
    expect(nameKeys('Игорь')).toEqual(expect.arrayContaining(['igor']));
    for (const spelling of ['Ђорђе', 'Đorđe', 'Djordje', 'Dorde', 'ĐORĐE', 'Đor\u200Bđe']) expect(foldForSearch(spelling)).toBe('dorde');
  });

  it('reads a long text in little time', () => {
    const guard = new NameGuard(['Марко', 'Јовановић', 'Ljupka']);
    const text = 'Dečak je viđen na autobuskoj stanici, u društvu odraslog muškarca. '.repeat(150);
    const started = performance.now();
    expect(guard.findIn(text)).toEqual({ found: false });
    expect(performance.now() - started).toBeLessThan(500);
  });
});
