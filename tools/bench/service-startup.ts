// How long the four services take to be ready, and how much memory each holds then:
//   sh scripts/node24.sh -r @swc-node/register tools/bench/service-startup.ts [rounds] [workspace]
// Starts the platform once (a fresh instance), then, round after round, stops every
// service, starts them all again and times until the gateway's /ready answers 200 (the
// stack stays up, so only the services are timed: loading their code, migrations, Kafka
// group joins), and, per service, until its first log line (Nest starting: its code is
// loaded, the part that differs between TypeScript through swc and built JavaScript);
// 2 s after ready it reads each service process's VmRSS (/proc, Linux).
// `workspace` (default this one) runs another checkout's platform the same way: an export
// of an older commit (`git archive <commit> | tar -x -C <dir>`, node_modules linked in)
// measures the code as it ran then. Results: docs/benchmarks.md, "Built output".
import { readFileSync } from 'node:fs';
import path from 'node:path';

type Stack = typeof import('@cpx/stack');

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 3);
  const workspace = path.resolve(process.argv[3] ?? path.join(__dirname, '..', '..'));
  const { startPlatform, SERVICES } = (await import(path.join(workspace, 'libs', 'stack', 'src', 'index.ts'))) as Stack;
  const platform = await startPlatform({
    instance: 'service-startup',
    fresh: true,
    mode: 'test',
    identityDir: path.join(workspace, '.cache', 'service-startup-identity'),
    readyTimeoutMs: 180_000,
  });
  const results: { seconds: number; loadedMs: Record<string, number>; rssMb: Record<string, number> }[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      await Promise.all(SERVICES.map((name) => platform.services[name].stop()));
      const startedAt = Date.now();
      for (const name of SERVICES) platform.services[name].start();
      await platform.waitUntilReady(180_000);
      const seconds = (Date.now() - startedAt) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const rssMb = Object.fromEntries(SERVICES.map((name) => [name, Math.round(vmRssMb(platform.services[name].pid))]));
      const loadedMs = Object.fromEntries(SERVICES.map((name) => [name, firstLogAt(platform.services[name].logFile, platform.services[name].pid) - startedAt]));
      results.push({ seconds, loadedMs, rssMb });
      process.stdout.write(`round ${round}: ready in ${seconds.toFixed(1)} s; code loaded (ms) ${JSON.stringify(loadedMs)}; RSS (MB) ${JSON.stringify(rssMb)}\n`);
    }
  } finally {
    await platform.stop();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  process.stdout.write(`\n${workspace}: median of ${rounds}\n  ready ${median(results.map((r) => r.seconds)).toFixed(1)} s\n`);
  for (const name of SERVICES) {
    process.stdout.write(`  ${name.padEnd(10)} code loaded ${median(results.map((r) => r.loadedMs[name]))} ms, RSS ${median(results.map((r) => r.rssMb[name]))} MB\n`);
  }
}

/** When the process logged its first JSON line (Nest's "Starting Nest application..."). */
function firstLogAt(logFile: string, pid: number | undefined): number {
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { pid?: number; timestamp?: number };
    if (entry.pid === pid && entry.timestamp) return entry.timestamp;
  }
  return Number.NaN;
}

function vmRssMb(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const line = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Number(line[1]) / 1024 : Number.NaN;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`service-startup: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
