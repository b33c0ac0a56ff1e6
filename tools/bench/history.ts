// The benchmark's history: docs/benchmarks/history.jsonl, one run per line, oldest first.
// A record is the run's section of docs/benchmarks.md taken apart (its tables as header,
// alignment and cells; its paragraphs as text), so a run renders back to the section it
// was written as, plus the headline figures read from those tables for a table of runs
// (`npm run bench:history`). The benchmark appends each run (report-writer.ts); the runs
// before the history existed were converted from the doc by tools/bench/convert-history.ts.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type Block = { heading: string } | { text: string } | { table: { header: string[]; align: string[]; rows: string[][] } };

export interface HistoryRecord {
  /** ISO 8601, to the second: the run's start. */
  date: string;
  /** The commit measured, when the run recorded it (runs before 2026-11-29T16 did not). */
  commit: string | null;
  /** What the run said of the code: `commit <sha>`, possibly `with uncommitted changes`. */
  code: string | null;
  /** CPUs, RAM, kernel, Node and Java, as the run described the machine. */
  machine: string;
  wholeRunSeconds: number | null;
  /** Other processes took more than the benchmark's threshold of the CPU: not comparable with a quiet run. */
  busy: boolean;
  figures: HeadlineFigures;
  blocks: Block[];
}

/** The figures a table of runs shows; null where the run did not measure it. */
export interface HeadlineFigures {
  readySeconds: number | null;
  gatewayReadP50Ms: number | null;
  gatewayReadP99Ms: number | null;
  gatewayOverKafkaP99: number | null;
  postToLiveP95Ms: number | null;
  firstAttemptP95Ms: number | null;
  rssAfterLoadMiB: number | null;
}

const RUN_HEADING = /^## Run (\S+)$/;

/** The history file beside a benchmarks doc: docs/benchmarks.md -> docs/benchmarks/history.jsonl. */
export function historyFileOf(doc: string): string {
  return path.join(path.dirname(doc), path.basename(doc, '.md'), 'history.jsonl');
}

/** A run's section (`## Run <date>` to the end of the run) as a record. */
export function parseRunSection(section: string): HistoryRecord {
  const [first, ...rest] = section.trim().split('\n');
  const date = RUN_HEADING.exec(first ?? '')?.[1];
  if (!date) throw new Error(`Not a run section: ${JSON.stringify(first)}`);
  const blocks = rest
    .join('\n')
    .split(/\n{2,}/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map(parseBlock);
  const texts = blocks.flatMap((block) => ('text' in block ? [block.text] : []));
  const machineLine = texts.find((text) => text.startsWith('Machine: ')) ?? '';
  const code = /\bCode: (.+?)\. Whole run/.exec(machineLine)?.[1] ?? null;
  return {
    date,
    commit: code ? (/commit ([0-9a-f]{7,40})/.exec(code)?.[1] ?? null) : null,
    code,
    machine: /^Machine: (.+?)\.(?: Code:| Whole run|$)/.exec(machineLine)?.[1] ?? machineLine.replace(/^Machine: /, ''),
    wholeRunSeconds: numberIn(/Whole run (\d+(?:\.\d+)?) s/.exec(machineLine)?.[1]),
    busy: texts.some((text) => text.includes('**Busy machine')),
    figures: headlineFigures(blocks),
    blocks,
  };
}

function parseBlock(chunk: string): Block {
  if (chunk.startsWith('### ')) return { heading: chunk.slice(4) };
  const lines = chunk.split('\n');
  if (lines.length >= 2 && lines.every((line) => line.startsWith('|'))) {
    const [header, align, ...rows] = lines.map(cells);
    return { table: { header: header!, align: align!, rows } };
  }
  return { text: chunk };
}

function cells(line: string): string[] {
  return line.replace(/^\|/, '').replace(/\|$/, '').split('|').map((cell) => cell.trim());
}

/** The section a record came from (tables with one space around each cell). */
export function renderRunSection(record: HistoryRecord): string {
  const row = (values: string[]) => `| ${values.join(' | ')} |`;
  const blocks = record.blocks.map((block) => {
    if ('heading' in block) return `### ${block.heading}`;
    if ('text' in block) return block.text;
    return [row(block.table.header), `|${block.table.align.join('|')}|`, ...block.table.rows.map(row)].join('\n');
  });
  return `## Run ${record.date}\n\n${blocks.join('\n\n')}\n`;
}

/** Table cells the same whatever spaces an empty cell had: what "renders back" is compared by. */
export function normaliseTables(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => (line.startsWith('|') ? line.replace(/\|\s*/g, '| ').replace(/\s*\|/g, ' |').replace(/^ /, '').trim() : line))
    .join('\n')
    .trim();
}

function headlineFigures(blocks: Block[]): HeadlineFigures {
  // The table under the heading that starts with `headingStart`, and a cell of its row whose first cell starts with `rowStart`.
  const cell = (headingStart: string, rowStart: string, ...columns: string[]): number | null => {
    let under = '';
    for (const block of blocks) {
      if ('heading' in block) under = block.heading;
      else if ('table' in block && under.startsWith(headingStart)) {
        const index = block.table.header.findIndex((name) => columns.includes(name));
        const found = block.table.rows.find((cells) => cells[0]?.startsWith(rowStart));
        if (index >= 0 && found) return numberIn(found[index]);
      }
    }
    return null;
  };
  const ratioText = blocks.flatMap((block) => ('text' in block ? [block.text] : [])).find((text) => text.startsWith('Gateway over raw Kafka echo'));
  return {
    // The column was `seconds` before it was `seconds from start`.
    readySeconds: cell('Time to ready', '**first start this run**', 'seconds from start', 'seconds'),
    gatewayReadP50Ms: cell('Directory read', '**gateway GraphQL', 'p50'),
    gatewayReadP99Ms: cell('Directory read', '**gateway GraphQL', 'p99'),
    gatewayOverKafkaP99: numberIn(/\*\*p99 (\d+(?:\.\d+)?)x\*\*/.exec(ratioText ?? '')?.[1]),
    postToLiveP95Ms: cell('Alerts at a steady', "**post -> recipient's", 'p95'),
    firstAttemptP95Ms: cell('Partner feeds at a steady', '**committed -> first webhook attempt**', 'p95'),
    rssAfterLoadMiB: cell('Resident memory', '**total**', 'RSS after load'),
  };
}

function numberIn(text: string | undefined): number | null {
  const match = /-?\d+(?:\.\d+)?/.exec((text ?? '').replace(/\*/g, ''));
  return match ? Number(match[0]) : null;
}

export function readHistory(file: string): HistoryRecord[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as HistoryRecord);
}

export function appendHistory(file: string, record: HistoryRecord): void {
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(record)}\n`);
}

/** One line per run, oldest first, as a markdown table. */
export function historyTable(records: HistoryRecord[]): string {
  const value = (number: number | null, suffix = '') => (number === null ? '' : `${number}${suffix}`);
  const lines = [
    '| run | commit | busy | ready s | read p50 ms | read p99 ms | p99 / Kafka | post -> live p95 ms | first webhook p95 ms | RSS after load MiB |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...records.map((record) => {
      const f = record.figures;
      return `| ${record.date} | ${record.commit ?? ''} | ${record.busy ? 'busy' : ''} | ${value(f.readySeconds)} | ${value(f.gatewayReadP50Ms)} | ${value(f.gatewayReadP99Ms)} | ${value(f.gatewayOverKafkaP99, 'x')} | ${value(f.postToLiveP95Ms)} | ${value(f.firstAttemptP95Ms)} | ${value(f.rssAfterLoadMiB)} |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}
