import type { SurveyLoad } from './survey-load.ts';

/**
 * Employees who keep trying, as the survey page does: each takes their ballot, then submits their
 * response, and retries the same request (same body: a retry is idempotent by design) on a
 * connection error or a 503 until it is acknowledged. Everything they saw is recorded, so a fault
 * test can assert on what the service answered while it was failing.
 */
export interface ClientRun {
  /** Indexes (into `load.employees`) of the employees whose submission was acknowledged (201 or 200). */
  acknowledged: Set<number>;
  /** How many times each status was answered, over every request. */
  statuses: Map<number, number>;
  /** Requests that got no HTTP answer at all (refused, reset: the api was down). */
  connectionErrors: number;
  /** Error answers that were not the error envelope `{ error: { code, message, requestId } }`. */
  notEnvelopes: string[];
  /** Answers that are neither a success nor worth a retry (a 500, a 4xx): the employee gives up. */
  failures: string[];
  /** When (performance.now()) each submission was acknowledged. */
  acknowledgedAt: number[];
}

export interface ClientOptions {
  /** Where the api is now (it may move to another port when it restarts). */
  url: () => string;
  concurrency: number;
  /** Give up on an employee after this long (ms). */
  patienceMs?: number;
  /** Called after each acknowledged submission, with how many there are so far and the run so far. */
  onAcknowledged?: (count: number, run: ClientRun) => void;
}

const retryDelayMs = 50;

export async function runRetryingClients(load: SurveyLoad, options: ClientOptions): Promise<ClientRun> {
  const run: ClientRun = {
    acknowledged: new Set(),
    statuses: new Map(),
    connectionErrors: 0,
    notEnvelopes: [],
    failures: [],
    acknowledgedAt: [],
  };
  const patience = options.patienceMs ?? 30_000;

  // One request, retried until it gets one of `accepted` or an answer that is no reason to retry.
  async function persist(path: string, body: string, headers: Record<string, string>, accepted: number[]) {
    const giveUpAt = Date.now() + patience;
    while (Date.now() < giveUpAt) {
      let response: Response;
      try {
        response = await fetch(`${options.url()}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
          signal: AbortSignal.timeout(5_000),
        });
      } catch {
        run.connectionErrors += 1;
        await new Promise((r) => setTimeout(r, retryDelayMs));
        continue;
      }
      run.statuses.set(response.status, (run.statuses.get(response.status) ?? 0) + 1);
      const text = await response.text().catch(() => '');
      if (accepted.includes(response.status)) return response.status;
      if (!isEnvelope(text, response.headers.get('x-request-id'))) {
        run.notEnvelopes.push(`${response.status} ${path}: ${text.slice(0, 200)}`);
      }
      if (response.status !== 503) return response.status;
      await new Promise((r) => setTimeout(r, retryDelayMs));
    }
    return 0;
  }

  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < load.employees.length) {
        const index = next++;
        const employee = load.employees[index];
        if (!employee) break;
        const ballot = await persist(
          '/api/v1/survey/ballot',
          employee.ballot,
          { authorization: `Invitation ${employee.invitation}` },
          [200],
        );
        if (ballot !== 200) {
          run.failures.push(`employee ${index}: ballot ${ballot}`);
          continue;
        }
        const submitted = await persist(
          `/api/v1/pulses/${load.pulseId}/responses`,
          employee.submission,
          {},
          [201, 200],
        );
        if (submitted !== 201 && submitted !== 200) {
          run.failures.push(`employee ${index}: submission ${submitted}`);
          continue;
        }
        run.acknowledged.add(index);
        run.acknowledgedAt.push(performance.now());
        options.onAcknowledged?.(run.acknowledged.size, run);
      }
    }),
  );
  return run;
}

function isEnvelope(text: string, requestId: string | null): boolean {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; requestId?: unknown } };
    return (
      typeof body.error?.code === 'string' &&
      typeof body.error.message === 'string' &&
      typeof body.error.requestId === 'string' &&
      body.error.requestId === requestId
    );
  } catch {
    return false;
  }
}
