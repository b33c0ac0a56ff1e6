import { actor, AUTHOR, CURATOR } from '../../../test/domain/practice-factory';
import type { Practice } from '../../workflow/domain/practice-workflow';
import { chooseVersion, libraryLanguage, type AvailableVersion } from './reader-language';
import { checkedTranslation, isOutdated, publishedTranslation, type Translation } from './translation';
import { refused } from '../../../test/domain/refused';


const translator = actor({ subject: 'translator', roles: ['professional'] });
const publishedAt = new Date('2026-01-10T00:00:00Z');
const practice = (published: number | undefined, working?: number): Practice => ({
  id: 'p1',
  authorSubject: AUTHOR.subject,
  version: 5,
  latestRevision: Math.max(published ?? 0, working ?? 0),
  ...(published ? { published: { revision: published, publishedAt, reviewDueAt: publishedAt } } : {}),
  ...(working ? { working: { revision: working, stage: 'DRAFT' as const } } : {}),
});
const text = { title: 'Programul școlar', summary: 'Un program.', body: 'Text.' };

describe('outdated', () => {
  it('is decided by the source revision against the published one, nothing else', () => {
    expect(isOutdated({ sourceRevision: 2 }, 2)).toBe(false);
    expect(isOutdated({ sourceRevision: 1 }, 2)).toBe(true);
    // One made ahead, from the revision under review, is not of the published text either (and cannot be published until it is).
    expect(isOutdated({ sourceRevision: 3 }, 2)).toBe(true);
    expect(isOutdated({ sourceRevision: 1 }, undefined)).toBe(false);
  });

  it('follows publication: current, then outdated when a revision replaces its source, whatever was saved when', () => {
    const translation = { sourceRevision: 1 };
    expect(isOutdated(translation, practice(1, 2).published?.revision)).toBe(false);
    expect(isOutdated(translation, practice(2).published?.revision)).toBe(true);
  });
});

describe('a translation', () => {
  it('is written from the published or the working revision, into another library language', () => {
    const stored = checkedTranslation(practice(1, 2), { language: 'en' }, { ...text, language: 'ro', sourceRevision: 2 }, translator);
    expect(stored).toEqual({ ...text, language: 'ro', sourceRevision: 2, translatedBy: 'translator', published: false });
  });

  it('refuses the original language, an unknown one, another revision, unsafe Markdown, and a partner', () => {
    const at = (input: Partial<Parameters<typeof checkedTranslation>[2]>, who = translator) =>
      refused(() => checkedTranslation(practice(2), { language: 'en' }, { ...text, language: 'ro', sourceRevision: 2, ...input }, who));
    expect(at({ language: 'en' }).field).toBe('input.language');
    expect(at({ language: 'de' }).field).toBe('input.language');
    expect(at({ language: 'sr' }).field).toBe('input.language');
    expect(at({ sourceRevision: 1 }).field).toBe('input.sourceRevision');
    expect(at({ body: '[x](javascript:alert(1))' }).field).toBe('input.body');
    expect(at({ title: '' }).field).toBe('input.title');
    expect(at({}, actor({ subject: 'iom', roles: ['partner'] })).code).toBe('FORBIDDEN');
  });

  it('is changed, while a draft, by its translator or a curator only', () => {
    const input = { ...text, language: 'ro', sourceRevision: 2 };
    const other = actor({ subject: 'translator-2', roles: ['professional'] });
    expect(refused(() => checkedTranslation(practice(2), { language: 'en' }, input, other, 'input', { translatedBy: 'translator' })).code).toBe('FORBIDDEN');
    expect(checkedTranslation(practice(2), { language: 'en' }, input, translator, 'input', { translatedBy: 'translator' }).translatedBy).toBe('translator');
    expect(checkedTranslation(practice(2), { language: 'en' }, input, actor(CURATOR), 'input', { translatedBy: 'translator' }).translatedBy).toBe('attache');
  });

  it('is published by a curator only, and only when it is of the revision published now', () => {
    const draft: Translation = { ...text, language: 'ro', sourceRevision: 2, translatedBy: 'translator', published: false };
    expect(publishedTranslation(practice(2), draft, actor(CURATOR)).published).toBe(true);
    expect(refused(() => publishedTranslation(practice(2), draft, translator)).code).toBe('FORBIDDEN');
    expect(refused(() => publishedTranslation(practice(1, 2), draft, actor(CURATOR)))).toMatchObject({ code: 'CONFLICT', field: 'sourceRevision' });
    expect(refused(() => publishedTranslation(practice(3), draft, actor(CURATOR))).code).toBe('CONFLICT');
    expect(refused(() => publishedTranslation(practice(undefined, 2), draft, actor(CURATOR))).code).toBe('CONFLICT');
  });
});

describe('the language a reader sees', () => {
  const versions = (original: AvailableVersion['language'], translations: Array<[AvailableVersion['language'], boolean?]>): AvailableVersion[] => [
    { language: original, original: true, outdated: false },
    ...translations.map(([language, outdated = false]) => ({ language, original: false, outdated })),
  ];

  it('reads tags as readers and browsers send them', () => {
    expect(libraryLanguage('sr-latn')).toBe('sr-Latn');
    expect(libraryLanguage('sr-Cyrl-RS')).toBe('sr-Cyrl');
    expect(libraryLanguage('sr')).toBe('sr-Cyrl');
    expect(libraryLanguage('sr-RS')).toBe('sr-Cyrl');
    expect(libraryLanguage('sr-ME')).toBe('sr-Latn');
    expect(libraryLanguage('fr-FR')).toBe('fr');
    expect(libraryLanguage('EN_gb')).toBe('en');
    expect(libraryLanguage('rmy')).toBe('rom');
    expect(libraryLanguage('sh')).toBe('sr-Latn');
    expect(libraryLanguage('de-DE')).toBeUndefined();
  });

  it('takes the first preferred language there is, exactly, script included', () => {
    const available = versions('ro', [['en'], ['sr-Latn'], ['sr-Cyrl']]);
    expect(chooseVersion(['sr-Cyrl', 'en'], available)).toEqual({ language: 'sr-Cyrl', original: false });
    expect(chooseVersion(['sr-Latn'], available).language).toBe('sr-Latn');
    expect(chooseVersion(['de', 'ro', 'en'], available)).toEqual({ language: 'ro', original: true });
    expect(chooseVersion(['mk', 'en'], available).language).toBe('en');
  });

  it('falls back through a language the reader reads, the other Serbian script first, before English', () => {
    expect(chooseVersion(['sr-Cyrl'], versions('en', [['sr-Latn'], ['hr']])).language).toBe('sr-Latn');
    expect(chooseVersion(['sr-Latn'], versions('en', [['hr'], ['sr-Cyrl']])).language).toBe('sr-Cyrl');
    expect(chooseVersion(['cnr'], versions('en', [['sr-Cyrl'], ['bs']])).language).toBe('bs');
    expect(chooseVersion(['hr'], versions('en', [['sr-Cyrl']])).language).toBe('sr-Cyrl');
    // A later exact preference beats a fallback of an earlier one.
    expect(chooseVersion(['sr-Cyrl', 'fr'], versions('en', [['hr'], ['fr']])).language).toBe('fr');
  });

  it('falls back to English, then to the original', () => {
    expect(chooseVersion(['de'], versions('mk', [['en'], ['sq']])).language).toBe('en');
    expect(chooseVersion([], versions('mk', [['sq']]))).toEqual({ language: 'mk', original: true });
  });

  it('still shows an outdated translation in the reader’s language, with the note and where the current text is', () => {
    expect(chooseVersion(['mk', 'en'], versions('ro', [['mk', true], ['en']]))).toEqual({ language: 'mk', original: false, outdated: { currentLanguage: 'ro' } });
  });
});
