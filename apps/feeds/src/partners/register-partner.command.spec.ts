import { RegisterPartnerCommand } from './register-partner.command';

const refusedAt = (field: string) => expect.objectContaining({ code: 'BAD_USER_INPUT', field });

describe('a request to register a partner', () => {
  it('takes the name as people will read it (NFC, trimmed) and the countries once each, sorted', () => {
    const command = RegisterPartnerCommand.from({ name: '  Save the Children Ko\u0073\u030Cova ', countries: ['XK', 'AL', 'XK'] });
    expect(command).toMatchObject({ name: 'Save the Children Košova', countries: ['AL', 'XK'] });
  });

  it.each([
    [{ name: '   ', countries: [] }, 'input.name'],
    [{ name: 'x'.repeat(201), countries: [] }, 'input.name'],
    [{ name: 'UNICEF', countries: ['RS', 'serbia'] }, 'input.countries.1'],
    [{ name: 'UNICEF', countries: Array.from({ length: 61 }, () => 'RS') }, 'input.countries'],
  ])('refuses %j naming the field', (request, field) => {
    expect(() => RegisterPartnerCommand.from(request)).toThrow(refusedAt(field));
  });
});
