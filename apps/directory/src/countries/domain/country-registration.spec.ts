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
