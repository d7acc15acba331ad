import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { SurveyLoad } from '../support/survey-load.ts';
import { type RawConnection, runConcurrently } from './load.ts';

/** Every employee takes their ballot, `concurrency` at a time, over HTTP; each must get a 200. */
export function takeBallots(url: string, load: SurveyLoad, concurrency: number) {
  return runConcurrently(url, concurrency, load.employees.length, async (index, connection: RawConnection) => {
    const employee = load.employees[index];
    if (!employee) throw new Error('no such employee');
    const response = await connection.request('POST', '/api/v1/survey/ballot', employee.ballot, {
      authorization: `Invitation ${employee.invitation}`,
    });
    if (response.status !== 200) throw new Error(`ballot: ${response.status} ${response.body}`);
  });
}

/** Every employee submits their response, `concurrency` at a time; each must be stored (201). */
export function submitResponses(url: string, load: SurveyLoad, concurrency: number) {
  const path = `/api/v1/pulses/${load.pulseId}/responses`;
  return runConcurrently(url, concurrency, load.employees.length, async (index, connection: RawConnection) => {
    const response = await connection.request('POST', path, load.employees[index]?.submission);
    if (response.status !== 201) throw new Error(`submission: ${response.status} ${response.body}`);
  });
}

/**
 * The physical limit beside the api: the rows one submission stores (the response, its answers, its
 * comment), written straight to the store by `write`, which sends them as one statement.
 */
export function directInsertStatement(orgId: string, pulseId: string, submission: string) {
  const s = JSON.parse(submission) as {
    cohortId: string;
    answers: Array<{ position: number; value: number }>;
    comments: Array<{ position: number | null; body: string }>;
    receiptHash: string;
  };
  const id = crypto.randomUUID();
  const comments = s.comments.map((c) => ({ id: crypto.randomUUID(), position: c.position, body: c.body }));
  return sql`
    with response as (
      insert into responses (org_id, pulse_id, cohort_id, id, nullifier, payload_hash, receipt_hash)
      values (${orgId}, ${pulseId}, ${s.cohortId}, ${id}, ${randomBytes(32).toString('base64url')}, 'bench', ${s.receiptHash})
      returning id
    ), stored_answers as (
      insert into answers (org_id, pulse_id, response_id, position, value)
      select ${orgId}, ${pulseId}, response.id, a.position, a.value
      from response, jsonb_to_recordset(${JSON.stringify(s.answers)}::jsonb) as a(position int, value int)
    )
    insert into comments (org_id, pulse_id, cohort_id, response_id, id, position, body, receipt_hash)
    select ${orgId}, ${pulseId}, ${s.cohortId}, response.id, c.id, c.position, c.body, ${s.receiptHash}
    from response, jsonb_to_recordset(${JSON.stringify(comments)}::jsonb) as c(id uuid, position int, body text)`;
}
