import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';

/**
 * The load generator's tools: a lean HTTP/1.1 client, a pool of concurrent workers, CPU pinning and
 * an RSS sampler. The generator shares the machine with what it measures, so it is kept as light as
 * it can be: every CPU cycle it spends is one the api and PostgreSQL do not get.
 */

export interface HttpResult {
  status: number;
  body: string;
}

/**
 * One keep-alive HTTP/1.1 connection carrying one request at a time. It writes a pre-built request
 * and parses only the status line, Content-Length (or chunked encoding) and the body: a fraction of
 * node:http's client cost, which matters when client and server share two cores.
 */
export class RawConnection {
  #socket: net.Socket | null = null;
  #buffer: Buffer = Buffer.alloc(0);
  #waiting: { resolve: (result: HttpResult) => void; reject: (error: Error) => void } | null = null;
  readonly #host: string;
  readonly #port: number;

  constructor(url: string) {
    const { hostname, port } = new URL(url);
    this.#host = hostname;
    this.#port = Number(port);
  }

  request(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<HttpResult> {
    if (this.#waiting) return Promise.reject(new Error('one request at a time on a RawConnection'));
    const payload = body === undefined ? null : Buffer.from(body);
    let head = `${method} ${path} HTTP/1.1\r\nhost: ${this.#host}:${this.#port}\r\n`;
    if (payload) head += `content-type: application/json\r\ncontent-length: ${payload.length}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    const bytes = payload ? Buffer.concat([Buffer.from(`${head}\r\n`), payload]) : Buffer.from(`${head}\r\n`);
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
      this.#connected().write(bytes);
    });
  }

  close(): void {
    this.#socket?.destroy();
    this.#socket = null;
  }

  #connected(): net.Socket {
    if (this.#socket && !this.#socket.destroyed) return this.#socket;
    const socket = net.connect({ host: this.#host, port: this.#port, noDelay: true });
    this.#buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : chunk;
      this.#parse();
    });
    const fail = (error: Error) => {
      if (this.#socket === socket) this.#socket = null;
      const waiting = this.#waiting;
      this.#waiting = null;
      waiting?.reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(Object.assign(new Error('connection closed'), { code: 'ECONNRESET' })));
    this.#socket = socket;
    return socket;
  }

  #parse(): void {
    const end = this.#buffer.indexOf('\r\n\r\n');
    if (end < 0 || !this.#waiting) return;
    const head = this.#buffer.subarray(0, end).toString('latin1');
    const status = Number(head.slice(9, 12));
    const lower = head.toLowerCase();
    let body: string;
    let consumed: number;
    const length = /\r\ncontent-length: *(\d+)/.exec(lower);
    if (length) {
      consumed = end + 4 + Number(length[1]);
      if (this.#buffer.length < consumed) return;
      body = this.#buffer.subarray(end + 4, consumed).toString('utf8');
    } else if (lower.includes('\r\ntransfer-encoding: chunked')) {
      const chunks: Buffer[] = [];
      let at = end + 4;
      for (;;) {
        const lineEnd = this.#buffer.indexOf('\r\n', at);
        if (lineEnd < 0) return;
        const size = Number.parseInt(this.#buffer.subarray(at, lineEnd).toString('latin1'), 16);
        if (this.#buffer.length < lineEnd + 2 + size + 2) return;
        if (size === 0) {
          consumed = lineEnd + 4;
          break;
        }
        chunks.push(this.#buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(chunks).toString('utf8');
    } else {
      consumed = end + 4;
      body = '';
    }
    this.#buffer = this.#buffer.subarray(consumed);
    const waiting = this.#waiting;
    this.#waiting = null;
    if (/\r\nconnection: *close/.test(lower)) this.close();
    waiting.resolve({ status, body });
  }
}

/**
 * Runs `count` tasks on `concurrency` workers, each with a connection of its own; returns the wall
 * time and every task's result in order.
 */
export async function runConcurrently<T>(
  url: string,
  concurrency: number,
  count: number,
  task: (index: number, connection: RawConnection) => Promise<T>,
): Promise<{ seconds: number; results: T[] }> {
  const results: T[] = new Array(count);
  let next = 0;
  const connections = Array.from({ length: concurrency }, () => new RawConnection(url));
  const started = performance.now();
  try {
    await Promise.all(
      connections.map(async (connection) => {
        while (next < count) {
          const index = next++;
          results[index] = await task(index, connection);
        }
      }),
    );
  } finally {
    for (const connection of connections) connection.close();
  }
  return { seconds: (performance.now() - started) / 1000, results };
}

/** The same, for work that is not HTTP (the direct-insert reference). */
export async function runTasks<T>(
  concurrency: number,
  count: number,
  task: (index: number) => Promise<T>,
): Promise<{ seconds: number; results: T[] }> {
  const results: T[] = new Array(count);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await task(index);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, results };
}

const hasTaskset = spawnSync('taskset', ['--version']).status === 0;

/**
 * Pins a process and all its threads to some CPUs (`taskset -a -p`), so the load generator and the
 * api do not steal each other's core. Returns false, and does nothing, where taskset is missing or
 * the machine has a single core.
 */
export function pin(pid: number, cpus: string): boolean {
  // os.cpus(), not availableParallelism(): once this process is pinned, the latter says 1.
  if (!hasTaskset || os.cpus().length < 2) return false;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The processes whose parent is `pid` (PostgreSQL's backends are children of the postmaster). */
export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Samples a process's resident set size every `everyMs`; `stop()` returns the peak and the median in MiB. */
export function sampleRss(pid: number, everyMs = 100) {
  const samples: number[] = [];
  const read = () => {
    try {
      const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      if (kib) samples.push(Number(kib) / 1024);
    } catch {
      // the process has ended
    }
  };
  read();
  const timer = setInterval(read, everyMs);
  return {
    stop() {
      clearInterval(timer);
      read();
      const sorted = [...samples].sort((a, b) => a - b);
      const round = (mib: number) => Math.round(mib * 10) / 10;
      return {
        peakMiB: round(sorted.at(-1) ?? 0),
        medianMiB: round(sorted[Math.floor(sorted.length / 2)] ?? 0),
        samples: samples.length,
      };
    },
  };
}

/** CPU time (user + system, seconds) a process has used so far: to tell who used the cores in a run. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100;
  } catch {
    return 0;
  }
}

/** Percentiles of a list of durations, rounded to 0.1 ms. */
export function percentiles(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
  return { p50: at(0.5), p95: at(0.95) };
}

/** CPU time (seconds, all cores) the whole machine has spent busy so far: what others used is this minus ours. */
export function machineBusySeconds(): number {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return 0;
  }
}
