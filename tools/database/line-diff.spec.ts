import { lineDiff } from './line-diff';

describe('lineDiff', () => {
  it('is empty for equal texts', () => {
    expect(lineDiff('a\nb\n', 'a\nb\n')).toBe('');
  });

  it('shows a changed line with its context and line numbers', () => {
    const before = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'].join('\n');
    const after = ['one', 'two', 'three', 'four', 'FIVE', 'six', 'seven', 'eight'].join('\n');
    expect(lineDiff(before, after, { before: 'schema.sql', after: 'migrated' })).toBe(
      ['--- schema.sql', '+++ migrated', '@@ -2,7 +2,7 @@', ' two', ' three', ' four', '-five', '+FIVE', ' six', ' seven', ' eight', ''].join('\n'),
    );
  });

  it('shows added and removed lines in separate hunks when they are far apart', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n');
    const after = ['a', 'x', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'j'].join('\n');
    const diff = lineDiff(before, after, undefined, 1);
    expect(diff).toContain('@@ -1,2 +1,3 @@\n a\n+x\n b\n');
    expect(diff).toContain('@@ -8,3 +9,2 @@\n h\n-i\n j\n');
  });
});
