import { practiceContent } from '../../../test/domain/practice-factory';
import { lineDiff } from './line-diff';
import { revisionDiff } from './revision-diff';

describe('lineDiff', () => {
  it('finds the shortest edit between two texts', () => {
    expect(lineDiff('a\nb\nc\nd', 'a\nc\nd\ne')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'same', text: 'c' },
      { kind: 'same', text: 'd' },
      { kind: 'added', text: 'e' },
    ]);
    expect(lineDiff('', 'x')).toEqual([{ kind: 'added', text: 'x' }]);
    expect(lineDiff('x', '')).toEqual([{ kind: 'removed', text: 'x' }]);
    expect(lineDiff('same', 'same')).toEqual([{ kind: 'same', text: 'same' }]);
  });

  it('rebuilds both texts from its result, whatever the change', () => {
    const words = ['deca', 'škola', 'trgovina', 'παιδιά', 'школа', ''];
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let round = 0; round < 200; round += 1) {
      const text = () => Array.from({ length: Math.floor(random() * 12) }, () => words[Math.floor(random() * words.length)]).join('\n');
      const [before, after] = [text(), text()];
      const ops = lineDiff(before, after);
      const side = (kind: string) => ops.filter((op) => op.kind !== kind).map((op) => op.text).join('\n');
      expect(side('added')).toBe(before.split('\n').join('\n'));
      expect(side('removed')).toBe(after.split('\n').join('\n'));
    }
  });

  it('shows a rewrite past the edit budget as one block out and one in, quickly', () => {
    const before = Array.from({ length: 5000 }, (_, i) => `old ${i}`).join('\n');
    const after = Array.from({ length: 5000 }, (_, i) => `new ${i}`).join('\n');
    const started = Date.now();
    const ops = lineDiff(`head\n${before}\ntail`, `head\n${after}\ntail`);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(ops[0]).toEqual({ kind: 'same', text: 'head' });
    expect(ops.filter((op) => op.kind === 'removed')).toHaveLength(5000);
    expect(ops.at(-1)).toEqual({ kind: 'same', text: 'tail' });
  });
});

describe('revisionDiff', () => {
  it('lists nothing for two equal revisions', () => {
    expect(revisionDiff(practiceContent(), practiceContent())).toEqual([]);
  });

  it('shows each changed section a reviewer can comment on, and only those', () => {
    const before = practiceContent();
    const after = practiceContent({
      title: 'Interviewing child victims: the 2027 protocol',
      body: before.body.replace('One session, recorded.', 'One session, recorded on video.'),
      themes: ['IDENTIFICATION_REFERRAL', 'CHILD_PARTICIPATION'],
      countries: ['AL', 'XK'],
      links: [{ url: 'https://example.org/protocol-2027', label: 'The protocol (sq)' }],
      evidence: { kind: 'RATED', criteria: { effectiveness: 'PLUS', transferability: 'NONE', enduringImpact: 'NONE' }, sources: ['Evaluation, 2026'] },
      implementation: {
        ...before.implementation,
        costBand: 'MEDIUM',
        legalPrerequisites: [...before.implementation.legalPrerequisites, { country: 'XK', text: 'Juvenile Justice Code, art. 7.' }],
      },
    });
    const diff = revisionDiff(before, after);
    expect(diff.map((change) => change.section)).toEqual(['title', 'body', 'themes', 'countries', 'links', 'evidence', 'implementation']);
    expect(diff.find((change) => change.section === 'body')).toMatchObject({
      kind: 'lines',
      added: 1,
      removed: 1,
      lines: expect.arrayContaining([
        { kind: 'removed', text: 'One session, recorded.' },
        { kind: 'added', text: 'One session, recorded on video.' },
      ]),
    });
    expect(diff.find((change) => change.section === 'themes')).toEqual({ section: 'themes', kind: 'list', added: ['CHILD_PARTICIPATION'], removed: ['VICTIM_ASSISTANCE_SHELTER'] });
    expect(diff.find((change) => change.section === 'links')).toMatchObject({ added: ['The protocol (sq) <https://example.org/protocol-2027>'] });
    expect(diff.find((change) => change.section === 'evidence')).toEqual({
      section: 'evidence',
      kind: 'fields',
      fields: [
        { path: 'kind', before: 'DOCUMENTED_NOT_EVALUATED', after: 'RATED' },
        { path: 'criteria.effectiveness', after: 'PLUS' },
        { path: 'criteria.transferability', after: 'NONE' },
        { path: 'criteria.enduringImpact', after: 'NONE' },
        { path: 'sources.0', after: 'Evaluation, 2026' },
      ],
    });
    expect(diff.find((change) => change.section === 'implementation')).toEqual({
      section: 'implementation',
      kind: 'fields',
      fields: [
        { path: 'costBand', before: 'LOW', after: 'MEDIUM' },
        { path: 'legalPrerequisites.XK.text', after: 'Juvenile Justice Code, art. 7.' },
      ],
    });
  });
});
