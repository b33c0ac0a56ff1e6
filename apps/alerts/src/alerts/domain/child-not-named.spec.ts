import { assertChildNotNamed } from './child-not-named';

const names = ['Ljubica', 'Jovanović', 'Ljupka', 'Ана Марија'];

function refusal(title: string, summary = 'Travelling towards Paris with an adult.') {
  try {
    assertChildNotNamed([{ field: 'input.title', text: title }, { field: 'input.summary', text: summary }], names);
    return undefined;
  } catch (error) {
    return error as { code: string; field: string; message: string };
  }
}

describe('a title or summary that names the child', () => {
  it('is refused whatever the case, diacritics or script, without echoing the name', () => {
    for (const title of ['Ljubica missing since Monday', 'JOVANOVIC girl missing', 'Девојчица Јовановић нестала', 'ljupka seen in Novi Sad', 'Missing: ana (12)']) {
      expect({ title, refusal: refusal(title) }).toEqual({ title, refusal: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.title' }) });
      expect(refusal(title)!.message).not.toMatch(/ljubica|jovanovi|ljupka/i);
    }
    expect(refusal('Girl missing after leaving a shelter', 'Her alias is Ljupka.')).toMatchObject({ field: 'input.summary' });
  });

  it('is refused when inflected, possessive included', () => {
    expect(refusal('Jovanovićeva street shelter: girl missing')).toMatchObject({ field: 'input.title' });
    expect(refusal('Ljubicu je neko video')).toMatchObject({ field: 'input.title' });
  });

  it('is accepted when no name appears as a word of its own', () => {
    expect(refusal('Girl missing after leaving a shelter in Belgrade')).toBeUndefined();
    // A name inside a longer word is not the name, and names under three letters are ignored.
    expect(refusal('Jovanovićevac shelter: girl missing')).toBeUndefined();
    expect(() => assertChildNotNamed([{ field: 'input.title', text: 'Al missing' }], ['Al'])).not.toThrow();
  });
});
