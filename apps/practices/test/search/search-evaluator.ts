/**
 * Retrieval metrics for the search evaluation, by kind of query:
 * - recall@5: of the practices a query asks for (graded 2 or 3: clearly relevant), the share
 *   in the first five results (of at most five of them, so a query with more than five can
 *   still reach 1). Partly relevant ones (grade 1) count in nDCG, which grades, and in
 *   "R@5 all", printed beside it: the goal's recall is over what was asked for. (Chosen
 *   after the development queries had been run once, before the held-out ones ever were;
 *   both columns are reported.)
 * - MRR: the mean of 1 / rank of the first relevant result (0 when none is returned);
 * - nDCG@10: graded gain 2^grade - 1, discounted by log2(rank + 1), over the ideal order.
 */
import { QUERY_KINDS, type EvaluationQuery, type QueryKind } from './evaluation-types';

export interface QueryOutcome {
  readonly query: EvaluationQuery;
  /** Practice keys in the order search returned them. */
  readonly ranked: readonly string[];
}

export interface KindScores {
  readonly kind: QueryKind;
  readonly queries: number;
  readonly recallAt5: number;
  /** recall@5 counting partly relevant practices too. */
  readonly recallAt5All: number;
  readonly mrr: number;
  readonly ndcgAt10: number;
}

export function recallAt(k: number, relevant: Readonly<Record<string, number>>, ranked: readonly string[], minimumGrade = 2): number {
  const wanted = Object.keys(relevant).filter((key) => relevant[key]! >= minimumGrade);
  if (wanted.length === 0) return 1;
  const found = ranked.slice(0, k).filter((key) => wanted.includes(key)).length;
  return found / Math.min(k, wanted.length);
}

export function reciprocalRank(relevant: Readonly<Record<string, number>>, ranked: readonly string[]): number {
  const rank = ranked.findIndex((key) => key in relevant);
  return rank < 0 ? 0 : 1 / (rank + 1);
}

export function ndcgAt(k: number, relevant: Readonly<Record<string, number>>, ranked: readonly string[]): number {
  const gain = (grade: number) => 2 ** grade - 1;
  const dcg = ranked.slice(0, k).reduce((sum, key, index) => sum + gain(relevant[key] ?? 0) / Math.log2(index + 2), 0);
  const ideal = Object.values(relevant)
    .sort((left, right) => right - left)
    .slice(0, k)
    .reduce((sum, grade, index) => sum + gain(grade) / Math.log2(index + 2), 0);
  return ideal === 0 ? 1 : dcg / ideal;
}

export function scoresByKind(outcomes: readonly QueryOutcome[]): KindScores[] {
  const mean = (values: number[]) => (values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length);
  return QUERY_KINDS.map((kind) => {
    const ofKind = outcomes.filter((outcome) => outcome.query.kind === kind);
    return {
      kind,
      queries: ofKind.length,
      recallAt5: mean(ofKind.map((outcome) => recallAt(5, outcome.query.relevant, outcome.ranked))),
      recallAt5All: mean(ofKind.map((outcome) => recallAt(5, outcome.query.relevant, outcome.ranked, 1))),
      mrr: mean(ofKind.map((outcome) => reciprocalRank(outcome.query.relevant, outcome.ranked))),
      ndcgAt10: mean(ofKind.map((outcome) => ndcgAt(10, outcome.query.relevant, outcome.ranked))),
    };
  }).filter((scores) => scores.queries > 0);
}

export function scoreTable(title: string, scores: readonly KindScores[]): string {
  const rows = scores.map(
    (s) => `| ${s.kind.padEnd(13)} | ${String(s.queries).padStart(7)} | ${s.recallAt5.toFixed(3)} | ${s.recallAt5All.toFixed(3)}     | ${s.mrr.toFixed(3)} | ${s.ndcgAt10.toFixed(3)}   |`,
  );
  return [title, '| kind          | queries | R@5   | R@5 all   | MRR   | nDCG@10 |', '|---------------|---------|-------|-----------|-------|---------|', ...rows].join('\n');
}
