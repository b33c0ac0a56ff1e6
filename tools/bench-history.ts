// `npm run bench:history`: every benchmark run of docs/benchmarks/history.jsonl as one table
// (oldest first; "busy" marks runs other processes disturbed, not comparable with quiet ones).
// `npm run bench:history -- <date or commit prefix>`: those runs in full, as the doc showed them.
import path from 'node:path';
import { historyFileOf, historyTable, readHistory, renderRunSection } from './bench/history';

const file = historyFileOf(path.resolve(__dirname, '../docs/benchmarks.md'));
const records = readHistory(file);
const wanted = process.argv.slice(2);
if (wanted.length === 0) {
  process.stdout.write(historyTable(records));
} else {
  const chosen = records.filter((record) => wanted.some((prefix) => record.date.startsWith(prefix) || (record.commit ?? '').startsWith(prefix)));
  if (chosen.length === 0) {
    process.stderr.write(`No run in ${path.relative(process.cwd(), file)} has a date or commit starting with ${wanted.join(' or ')}.\n`);
    process.exit(1);
  }
  process.stdout.write(chosen.map(renderRunSection).join('\n'));
}
