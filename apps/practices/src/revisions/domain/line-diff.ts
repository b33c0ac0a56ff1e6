/**
 * A line diff (Myers' O(ND) algorithm, "An O(ND) Difference Algorithm and Its
 * Variations", 1986) of two texts: the shortest edit script, so a reviewer sees what was
 * changed and not a shuffle of equal lines. Common lines at both ends are taken off first
 * (a revision usually touches a few paragraphs of a long body), and past MAX_EDITS the
 * middle is shown as removed-then-added in one block rather than spending time and memory
 * on a rewrite nobody reads line by line.
 */
export type LineOp = { readonly kind: 'same' | 'added' | 'removed'; readonly text: string };

export const MAX_EDITS = 2000;

export function lineDiff(before: string, after: string, maxEdits = MAX_EDITS): LineOp[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const same = (lines: readonly string[]) => lines.map((text): LineOp => ({ kind: 'same', text }));
  const middle = myers(a.slice(start, endA), b.slice(start, endB), maxEdits);
  return [...same(a.slice(0, start)), ...middle, ...same(a.slice(endA))];
}

function splitLines(text: string): string[] {
  return text === '' ? [] : text.replace(/\r\n?/g, '\n').split('\n');
}

function myers(a: readonly string[], b: readonly string[], maxEdits: number): LineOp[] {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d += 1) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, offset, d);
    }
  }
  // Too many edits to be worth aligning: the old block out, the new block in.
  return [...a.map((text): LineOp => ({ kind: 'removed', text })), ...b.map((text): LineOp => ({ kind: 'added', text }))];
}

function backtrack(trace: readonly Int32Array[], a: readonly string[], b: readonly string[], offset: number, edits: number): LineOp[] {
  const ops: LineOp[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = edits; d > 0; d -= 1) {
    const v = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
    const previousK = down ? k + 1 : k - 1;
    const previousX = v[offset + previousK]!;
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      x -= 1;
      y -= 1;
      ops.push({ kind: 'same', text: a[x]! });
    }
    if (down) {
      y -= 1;
      ops.push({ kind: 'added', text: b[y]! });
    } else {
      x -= 1;
      ops.push({ kind: 'removed', text: a[x]! });
    }
  }
  while (x > 0 && y > 0) {
    x -= 1;
    y -= 1;
    ops.push({ kind: 'same', text: a[x]! });
  }
  return ops.reverse();
}
