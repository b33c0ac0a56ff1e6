// The broker's jars, resolved by Maven from deploy/kafka/pom.xml into .cache/kafka/libs.
// Maven runs only when the pom changed since the last resolution (a marker file named
// after the pom's hash), so a warm start costs nothing here. Resolution goes to a
// temporary folder that is renamed into place, so a run interrupted half-way, or two
// runs resolving at once, never leave a folder with half the jars.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { elapsed, stackLog } from './stack-log';
import { cachePath, workspaceRoot } from './workspace';

const MARKER_PREFIX = '.resolved-';

export function kafkaPomPath(): string {
  return path.join(workspaceRoot(), 'deploy', 'kafka', 'pom.xml');
}

/** The folder holding every runtime jar of the broker, resolved if needed. */
export async function resolveKafkaJars(): Promise<string> {
  const pom = kafkaPomPath();
  const libs = cachePath('kafka', 'libs');
  const marker = `${MARKER_PREFIX}${createHash('sha256').update(readFileSync(pom)).digest('hex').slice(0, 16)}`;
  if (existsSync(path.join(libs, marker))) return libs;

  const startedAt = Date.now();
  stackLog(`resolving Kafka jars with Maven from ${path.relative(workspaceRoot(), pom)} (first run only)`);
  const staging = `${libs}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    await runMaven(['-B', '-q', '-Dstyle.color=never', '-f', pom, 'dependency:copy-dependencies',
      '-DincludeScope=runtime', `-DoutputDirectory=${staging}`]);
    await writeFile(path.join(staging, marker), `${new Date().toISOString()}\n`);
    if (!existsSync(path.join(libs, marker))) {
      await rm(libs, { recursive: true, force: true });
      await rename(staging, libs);
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  stackLog(`Kafka jars resolved in ${elapsed(startedAt)}`);
  return libs;
}

function runMaven(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const maven = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    maven.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    maven.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    maven.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error('cpx stack: the local Kafka broker needs Maven (mvn) to fetch its jars once. ' +
              'Install Maven 3.8+, or a Docker engine, or point KAFKA_BROKERS at a running Kafka.')
          : error,
      ),
    );
    maven.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`cpx stack: mvn exited with ${code}:\n${output.trim()}`)),
    );
  });
}
