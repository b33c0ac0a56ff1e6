import { normalisedPath, SEARCH, TOP_LEVEL, underInput } from './argument-paths';

describe('service field paths as GraphQL arguments', () => {
  it.each([
    ['given_name', 'givenName'],
    ['input.given_name', 'givenName'],
    ['languages.languages.0', 'languages.0'],
    ['contacts[1].value', 'contacts.1.value'],
    ['contacts.contacts.0.value', 'contacts.0.value'],
    ['expected_version', 'expectedVersion'],
  ])('%s -> %s', (service, graphql) => {
    expect(normalisedPath(service)).toBe(graphql);
  });

  it('places fields under input, the page under the connection arguments', () => {
    expect(underInput('id')('name')).toBe('input.name');
    expect(underInput('id')('id')).toBe('id');
    expect(underInput()('expectedVersion')).toBe('input.expectedVersion');
    expect(SEARCH('page.first')).toBe('first');
    expect(SEARCH('page.after')).toBe('after');
    expect(SEARCH('filter.country')).toBe('filter.country');
    expect(TOP_LEVEL('reason')).toBe('reason');
  });
});
