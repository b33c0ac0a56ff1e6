import { validateInput } from '@cpx/platform';
import { RegisterCountryInput } from './country.dto';
import { contradictionOf } from './country-registration';

const malta = { code: 'MT', name: 'Malta', languages: ['mt', 'en'] };

describe('registering a country again', () => {
  it('is the same registration with the same name and languages, in any order', () => {
    expect(contradictionOf(malta, { ...malta })).toBeUndefined();
    expect(contradictionOf(malta, { ...malta, languages: ['en', 'mt'] })).toBeUndefined();
  });

  it('contradicts the stored country with another name or other languages, naming the field', () => {
    expect(contradictionOf(malta, { ...malta, name: 'Republic of Malta' })).toEqual({
      field: 'input.name',
      why: 'MT is already registered, as Malta.',
    });
    expect(contradictionOf(malta, { ...malta, languages: ['mt'] })).toMatchObject({ field: 'input.languages' });
    expect(contradictionOf(malta, { ...malta, languages: ['mt', 'en', 'it'] })).toMatchObject({ field: 'input.languages' });
    expect(contradictionOf({ ...malta, languages: [] }, malta)).toMatchObject({ why: 'MT is already registered, with no languages.' });
  });
});

describe('what a registration may carry', () => {
  const input = (overrides: Record<string, unknown>) => validateInput(RegisterCountryInput, { ...malta, ...overrides });

  it('takes a two-letter code in capitals, a name and BCP 47 tags', () => {
    expect(input({ code: 'XK', name: 'Kosovo', languages: ['sq', 'sr-Cyrl'] })).toMatchObject({ code: 'XK' });
    expect(input({ languages: [] })).toMatchObject({ languages: [] });
  });

  it.each([
    [{ code: 'mt' }, 'input.code'],
    [{ code: 'MLT' }, 'input.code'],
    [{ code: 'M' }, 'input.code'],
    [{ code: '' }, 'input.code'],
    [{ code: 'M1' }, 'input.code'],
    [{ name: '' }, 'input.name'],
    [{ name: '   ' }, 'input.name'],
    [{ name: 'x'.repeat(201) }, 'input.name'],
    [{ languages: ['not a tag'] }, 'input.languages'],
    [{ languages: Array.from({ length: 21 }, () => 'mt') }, 'input.languages'],
  ])('refuses %j as BAD_USER_INPUT on %s', (overrides, field) => {
    expect(() => input(overrides)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field }));
  });
});
