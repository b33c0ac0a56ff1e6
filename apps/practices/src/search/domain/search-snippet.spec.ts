import { wordKeys } from './search-keys';
import { highlightAll, snippet, SNIPPET_WORDS } from './search-snippet';

const keys = (...words: string[]) => new Set(words.flatMap(wordKeys));
const marked = (text: { text: string; highlights: readonly { start: number; end: number }[] }) => text.highlights.map(({ start, end }) => text.text.slice(start, end));

describe('highlights', () => {
  it('marks the words of the text as written, in its own script, for a query in another', () => {
    expect(marked(highlightAll('Прихватилиште за децу жртве трговине људима', keys('prihvatiliste', 'trgovine')))).toEqual(['Прихватилиште', 'трговине']);
    expect(marked(highlightAll('Ψυχολογική υποστήριξη για παιδιά', keys('paidia')))).toEqual(['παιδιά']);
  });

  it('cuts a long text around its matches, with ellipses, and keeps the ranges on the cut text', () => {
    const body = `${'Lorem ipsum '.repeat(60)}the shelter works with schools ${'dolor sit '.repeat(60)}`;
    const cut = snippet(['A summary without it.', body], keys('shelter'));
    expect(cut.text.startsWith('… ')).toBe(true);
    expect(cut.text.endsWith(' …')).toBe(true);
    expect(marked(cut)).toEqual(['shelter']);
    expect(cut.text.split(/\s+/).length).toBeLessThanOrEqual(SNIPPET_WORDS + 2);
  });

  it('falls back to the start of the summary when nothing matches, and never returns markup', () => {
    const cut = snippet(['<b>Safe</b> school programme', 'Body'], keys('absent'));
    expect(cut.text).toBe('<b>Safe</b> school programme');
    expect(cut.highlights).toEqual([]);
    expect(snippet([], keys('x'))).toEqual({ text: '', highlights: [] });
  });
});
