import { isKnownPattern, matches, matchesType } from './event-filter';

describe('event filter', () => {
  it('matches exact types and .* families', () => {
    expect(matchesType('cpx.alerts.v1.AlertPosted', 'cpx.alerts.v1.AlertPosted')).toBe(true);
    expect(matchesType('cpx.alerts.v1.AlertPosted', 'cpx.alerts.v1.AlertPostedAgain')).toBe(false);
    expect(matchesType('cpx.alerts.v1.*', 'cpx.alerts.v1.AlertResolved')).toBe(true);
    expect(matchesType('cpx.alerts.v1.*', 'cpx.directory.v1.AgencyRegistered')).toBe(false);
    expect(matchesType('cpx.alerts.v1.*', 'cpx.alerts.v10.AlertPosted')).toBe(false);
  });

  it('matches countries by overlap, and no countries means every country', () => {
    const event = { type: 'cpx.alerts.v1.AlertPosted', countries: ['FR', 'RS'] };
    expect(matches({ eventTypes: ['cpx.alerts.v1.*'], countries: [] }, event)).toBe(true);
    expect(matches({ eventTypes: ['cpx.alerts.v1.*'], countries: ['RS'] }, event)).toBe(true);
    expect(matches({ eventTypes: ['cpx.alerts.v1.*'], countries: ['BG', 'AL'] }, event)).toBe(false);
    expect(matches({ eventTypes: ['cpx.directory.v1.*'], countries: [] }, event)).toBe(false);
    expect(matches({ eventTypes: ['cpx.alerts.v1.*'], countries: ['RS'] }, { type: event.type, countries: [] })).toBe(false);
  });

  it('knows the patterns a partner may subscribe to', () => {
    expect(isKnownPattern('cpx.alerts.v1.*')).toBe(true);
    expect(isKnownPattern('cpx.directory.v1.AgencyRegistered')).toBe(true);
    expect(isKnownPattern('cpx.alerts.v1.AlertInvented')).toBe(false);
    expect(isKnownPattern('cpx.*')).toBe(false);
    expect(isKnownPattern('*')).toBe(false);
  });
});
