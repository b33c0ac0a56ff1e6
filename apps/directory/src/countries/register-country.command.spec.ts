import { RegisterCountryCommand } from './register-country.command';

const malta = { code: 'MT', name: 'Malta', languages: ['mt', 'en'] };

describe('what a registration may carry', () => {
  const input = (overrides: Record<string, unknown>) => RegisterCountryCommand.from({ ...malta, ...overrides } as typeof malta);

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
