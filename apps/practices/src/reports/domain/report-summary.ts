/**
 * What is shown with a practice: how many colleagues reported on it and how it went, by
 * outcome and by country, counting visible reports only (a hidden one was hidden for a
 * reason). Reports of earlier revisions count too: the practice is the same one, and a
 * revision rarely changes what it takes to run it; each report says its revision.
 */
import { OUTCOMES, type Outcome, type PractitionerReport } from './practitioner-report';

export interface ReportSummary {
  readonly total: number;
  readonly byOutcome: Readonly<Record<Outcome, number>>;
  /** Countries with reports, most reported first, then by code. */
  readonly countries: ReadonlyArray<{ readonly country: string; readonly count: number }>;
}

export function reportSummary(reports: readonly PractitionerReport[]): ReportSummary {
  const visible = reports.filter((report) => !report.hidden);
  const byOutcome = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<Outcome, number>;
  const byCountry = new Map<string, number>();
  for (const report of visible) {
    byOutcome[report.outcome] += 1;
    byCountry.set(report.country, (byCountry.get(report.country) ?? 0) + 1);
  }
  const countries = [...byCountry]
    .map(([country, count]) => ({ country, count }))
    .sort((a, b) => b.count - a.count || (a.country < b.country ? -1 : a.country > b.country ? 1 : 0));
  return { total: visible.length, byOutcome, countries };
}
