import { LANGUAGE_TAG } from '@cpx/platform';
import { canonicalLanguageTag, canonicalLanguageTags } from './language-tags';

describe('language tags as the directory keeps them', () => {
  it('puts the case of every subtag right, as the service validator wants it', () => {
    expect(canonicalLanguageTags(['sr-cyrl', 'SR-LATN', 'sr-latn-rs', 'EN', 'el'])).toEqual(['sr-Cyrl', 'sr-Latn', 'sr-Latn-RS', 'en', 'el']);
    for (const tag of ['sr-cyrl', 'Sr-Cyrl-rs']) expect(canonicalLanguageTag(tag)).toMatch(LANGUAGE_TAG);
  });

  it('keeps the languages CPX names on their own, which CLDR aliases would replace', () => {
    expect(canonicalLanguageTag('cnr')).toBe('cnr');
    expect(canonicalLanguageTag('CNR-latn')).toBe('cnr-Latn');
    expect(canonicalLanguageTag('rom')).toBe('rom');
    expect(canonicalLanguageTag('rmy')).toBe('rmy');
  });

  it('follows region aliases', () => {
    expect(canonicalLanguageTag('sr-Latn-CS')).toBe('sr-Latn-RS');
  });

  it('leaves a malformed tag as it is, for the validator to refuse', () => {
    for (const tag of ['', 'x-', 'sr--Cyrl', 'not a tag']) {
      expect(canonicalLanguageTag(tag)).toBe(tag);
      expect(canonicalLanguageTag(tag)).not.toMatch(LANGUAGE_TAG);
    }
  });
});
