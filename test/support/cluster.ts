import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster: initdb into a temp dir, started on 127.0.0.1 on a free port.
 * Tests own it entirely: they may stop and restart it (fault tests) and it is deleted after.
 */
export interface Cluster {
  port: number;
  dataDir: string;
  /** Connection string of the cluster's `postgres` database (the admin one). */
  url(database?: string): string;
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  destroy(): void;
}

const installHint =
  'PostgreSQL 15 server binaries were not found. Install them with `apt-get update && apt-get install -y postgresql-15` ' +
  '(or set PG_BIN to the directory holding initdb and pg_ctl).';

export function findPgBin(): string {
  const candidates = [process.env.PG_BIN, '/usr/lib/postgresql/15/bin', pgConfigBindir()].filter((dir): dir is string =>
    Boolean(dir),
  );
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found) throw new Error(installHint);
  return found;
}

function pgConfigBindir(): string | undefined {
  const result = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

// initdb refuses to run as root: as root, run the server binaries as the `postgres` user.
const asRoot = process.getuid?.() === 0;

function run(bin: string, args: string[]) {
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(command, argv, { stdio: 'pipe' });
}

export async function startCluster(): Promise<Cluster> {
  const bin = findPgBin();
  const dataDir = mkdtempSync(join(tmpdir(), 'insideout-pg-'));
  chmodSync(dataDir, 0o777);
  if (asRoot) execFileSync('chown', ['postgres', dataDir]);
  const port = await freePort();
  run(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);

  // Durability is not what these tests measure; skipping fsync makes each test database quick.
  const serverOptions = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dataDir}'`,
    '-c fsync=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  const start = () =>
    run(join(bin, 'pg_ctl'), ['-D', dataDir, '-o', serverOptions, '-l', join(dataDir, 'server.log'), '-w', 'start']);
  const stop = (mode: 'fast' | 'immediate' = 'fast') =>
    run(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', mode, '-w', 'stop']);
  start();

  return {
    port,
    dataDir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start,
    stop,
    destroy: () => {
      try {
        stop('immediate');
      } catch {
        // already stopped
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
