import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './cluster.ts';

const root = resolve(import.meta.dirname, '../..');
export const mainJs = join(root, 'api/dist/main.js');

export interface AppProcess {
  url: string;
  process: ChildProcess;
  /** Everything the process printed so far (JSON log lines). */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs the built product (`node api/dist/main.js`) as a user would, on a free port. Without
 * DATABASE_URL it gets a fresh embedded store in a temp dir, removed when it stops.
 */
export async function startApp(env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<AppProcess> {
  if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing: run \`pnpm build\` first.`);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'insideout-data-'));
  const child = spawn(process.execPath, [...nodeArgs, mainJs], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  void exited.then(() => rmSync(dataDir, { recursive: true, force: true }));

  const url = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(url, exited, () => output);
  return {
    url,
    process: child,
    output: () => output,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

async function waitUntilHealthy(url: string, exited: Promise<number | null>, output: () => string) {
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (ended) throw new Error(`the app exited during start:\n${output()}`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the app did not become healthy within 60 s:\n${output()}`);
}
