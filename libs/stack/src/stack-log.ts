// Progress lines of the stack on stderr, so that a CLI's stdout stays clean for
// machine-readable output (tools/stack-up.ts prints env lines there).
export function stackLog(message: string): void {
  process.stderr.write(`[stack] ${message}\n`);
}

/** Milliseconds since `startedAt`, for "ready in 1234 ms" lines. */
export function elapsed(startedAt: number): string {
  return `${Date.now() - startedAt} ms`;
}
