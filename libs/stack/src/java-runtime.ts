// Finds a Java 17+ runtime for the Kafka broker (Kafka 4.x brokers need 17). Order:
// JAVA_HOME (what the user chose), then `java` on PATH, then the newest JDK under
// /usr/lib/jvm (Debian's and Temurin's packages land there without touching PATH).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';

export const MIN_JAVA_MAJOR = 17;

export interface JavaRuntime {
  executable: string;
  major: number;
}

/**
 * The major version from `java -version` output (printed on stderr):
 * `openjdk version "17.0.15" 2025-04-15` -> 17, `java version "1.8.0_292"` -> 8,
 * `openjdk version "25" 2025-09-16` -> 25, `openjdk version "26-ea"` -> 26.
 */
export function parseJavaMajorVersion(output: string): number | undefined {
  const quoted = /version "([^"]+)"/.exec(output)?.[1];
  if (!quoted) return undefined;
  const [first, second] = quoted.split(/[.\-+_]/);
  const major = first === '1' ? Number(second) : Number(first);
  return Number.isInteger(major) && major > 0 ? major : undefined;
}

export function findJava(minMajor = MIN_JAVA_MAJOR): JavaRuntime {
  const tried: string[] = [];
  const probe = (executable: string): JavaRuntime | undefined => {
    const major = javaMajorVersion(executable);
    tried.push(`${executable} (${major ?? 'not runnable'})`);
    return major !== undefined && major >= minMajor ? { executable, major } : undefined;
  };
  for (const executable of preferredJava()) {
    const runtime = probe(executable);
    if (runtime) return runtime;
  }
  const installed = newest(installedJdks().map(probe));
  if (installed) return installed;
  throw new Error(
    `cpx stack: the local Kafka broker needs Java ${minMajor}+ and none was found ` +
      `(tried: ${tried.join(', ')}). Install Java ${minMajor}+ ` +
      `(e.g. apt-get install openjdk-17-jre-headless, or set JAVA_HOME), or a Docker engine, ` +
      `or point KAFKA_BROKERS at a running Kafka.`,
  );
}

/** What the user chose: JAVA_HOME, else whatever `java` on PATH is. Checked in this order. */
function preferredJava(): string[] {
  const javaHome = process.env.JAVA_HOME;
  return [...(javaHome ? [path.join(javaHome, 'bin', 'java')] : []), 'java'];
}

/** JDKs that packages installed without putting them on PATH; symlinked twins counted once. */
function installedJdks(dir = '/usr/lib/jvm'): string[] {
  if (!existsSync(dir)) return [];
  const executables = readdirSync(dir)
    .map((name) => path.join(dir, name, 'bin', 'java'))
    .filter((executable) => existsSync(executable))
    .map((executable) => realpathSync(executable));
  return [...new Set(executables)];
}

function newest(runtimes: (JavaRuntime | undefined)[]): JavaRuntime | undefined {
  return runtimes.reduce<JavaRuntime | undefined>(
    (best, runtime) => (runtime && (!best || runtime.major > best.major) ? runtime : best),
    undefined,
  );
}

function javaMajorVersion(executable: string): number | undefined {
  const result = spawnSync(executable, ['-version'], { encoding: 'utf8', timeout: 15_000 });
  if (result.error || result.status !== 0) return undefined;
  return parseJavaMajorVersion(`${result.stderr}\n${result.stdout}`);
}
