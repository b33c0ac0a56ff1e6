import { PayloadMode } from '@cpx/contracts';
import { payloadModeOf, requireCountries, requireCountriesOfPartner, requireEventTypes, requireWebhookUrl } from './subscription-rules';

const refusedAt = (field: string) => expect.objectContaining({ code: 'BAD_USER_INPUT', field });

describe('what a subscription may ask for', () => {
  it('takes countries and event types once each, sorted, naming the entry it refuses', () => {
    expect(requireCountries(['RS', 'AL', 'RS'], 'input.countries')).toEqual(['AL', 'RS']);
    expect(() => requireCountries(['RS', 'serbia'], 'input.countries')).toThrow(refusedAt('input.countries.1'));
    expect(requireEventTypes(['cpx.alerts.v1.*', 'cpx.alerts.v1.*'], 'input.eventTypes')).toEqual(['cpx.alerts.v1.*']);
    expect(() => requireEventTypes(['cpx.alerts.v1.Invented'], 'input.eventTypes')).toThrow(refusedAt('input.eventTypes.0'));
  });

  it('gives a partner limited to some countries only those, all of them when none are asked for', () => {
    expect(requireCountriesOfPartner([], { countries: ['AL', 'RS'] }, 'input.countries')).toEqual(['AL', 'RS']);
    expect(requireCountriesOfPartner(['RS'], { countries: ['AL', 'RS'] }, 'input.countries')).toEqual(['RS']);
    expect(requireCountriesOfPartner(['BG'], { countries: [] }, 'input.countries')).toEqual(['BG']);
    expect(() => requireCountriesOfPartner(['BG'], { countries: ['RS'] }, 'input.countries')).toThrow(refusedAt('input.countries'));
  });

  it('takes no webhook URL as none, and refuses one the policy does not allow', () => {
    expect(requireWebhookUrl('', { allowPrivate: false }, 'input.webhookUrl')).toBeNull();
    expect(requireWebhookUrl('https://hooks.partner.example/cpx', { allowPrivate: false }, 'input.webhookUrl')).toBe('https://hooks.partner.example/cpx');
    expect(() => requireWebhookUrl('http://127.0.0.1:4000/hook', { allowPrivate: false }, 'input.webhookUrl')).toThrow(refusedAt('input.webhookUrl'));
    expect(requireWebhookUrl('http://127.0.0.1:4000/hook', { allowPrivate: true }, 'input.webhookUrl')).toBe('http://127.0.0.1:4000/hook');
  });

  it('reads the payload mode as THIN unless FULL is asked for, leaving a value it does not know as it is', () => {
    expect(payloadModeOf(PayloadMode.UNSPECIFIED)).toBe('THIN');
    expect(payloadModeOf(PayloadMode.THIN)).toBe('THIN');
    expect(payloadModeOf(PayloadMode.FULL)).toBe('FULL');
    expect(payloadModeOf(7)).toBe(7);
  });
});
