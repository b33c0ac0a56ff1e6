// A unified diff of two texts, line by line, for a reader: what `schema:check` prints when a
// service's migrated schema and its schema.sql differ. Longest common subsequence over the
// lines (schema files are a few hundred lines, so the quadratic table is small).

/** `-` lines only in `before`, `+` lines only in `after`, with `context` unchanged lines around each change; '' when equal. */
export function lineDiff(before: string, after: string, labels = { before: 'before', after: 'after' }, context = 3): string {
  const a = before.split('\n');
  const b = after.split('\n');
  // common[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const common = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i]![j] = a[i] === b[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  // Each edit with the line positions (0-based) in both texts before it.
  const edits: { kind: ' ' | '-' | '+'; line: string; at: [number, number] }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const at: [number, number] = [i, j];
    if (i < a.length && j < b.length && a[i] === b[j]) {
      edits.push({ kind: ' ', line: a[i]!, at });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || common[i + 1]![j]! >= common[i]![j + 1]!)) {
      edits.push({ kind: '-', line: a[i++]!, at });
    } else {
      edits.push({ kind: '+', line: b[j++]!, at });
    }
  }
  if (edits.every((edit) => edit.kind === ' ')) return '';

  // Hunks: runs of changes with their context, merged when their context touches.
  const changed = edits.map((edit, index) => (edit.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  const hunks: [number, number][] = [];
  for (const index of changed) {
    const start = Math.max(0, index - context);
    const end = Math.min(edits.length - 1, index + context);
    const last = hunks[hunks.length - 1];
    if (last && start <= last[1] + 1) last[1] = end;
    else hunks.push([start, end]);
  }
  const out = [`--- ${labels.before}`, `+++ ${labels.after}`];
  for (const [start, end] of hunks) {
    const slice = edits.slice(start, end + 1);
    const first = slice[0]!;
    const beforeCount = slice.filter((edit) => edit.kind !== '+').length;
    const afterCount = slice.filter((edit) => edit.kind !== '-').length;
    out.push(`@@ -${first.at[0] + 1},${beforeCount} +${first.at[1] + 1},${afterCount} @@`);
    for (const edit of slice) out.push(`${edit.kind}${edit.line}`);
  }
  return `${out.join('\n')}\n`;
}
