import type { Database } from '@insideout/db';
import { sql, type Transaction } from 'kysely';

/**
 * Aggregates a closing pulse into rollups (per cohort and item: n, sum, sum of squares, histogram)
 * and fixes each cohort's respondents and ballots. Runs in the closing transaction, after sealing:
 * results are read from here, never from raw answers.
 */
export async function computeRollups(trx: Transaction<Database>, orgId: string, pulseId: string) {
  await sql`delete from rollups where org_id = ${orgId} and pulse_id = ${pulseId}`.execute(trx);
  // The closing pulse's rows are usually newer than the table statistics (autovacuum analyzes after
  // 10% of a table changes: every few pulses once an org has a history), so the planner expects one
  // answer and one response, and joins them in a nested loop that compares every answer with every
  // response of the pulse: minutes for 10,000 responses. Without nested loops these statements are
  // hash joins whatever the estimates; the setting is restored right after them.
  const { rows } = await sql<{ previous: string }>`select current_setting('enable_nestloop') as previous`.execute(trx);
  await sql`select set_config('enable_nestloop', 'off', true)`.execute(trx);
  await sql`
    insert into rollups (org_id, pulse_id, cohort_id, position, n, sum, sum_sq, histogram)
    select org_id, pulse_id, cohort_id, position,
      sum(answers), sum(value * answers), sum(value * value * answers), jsonb_object_agg(value, answers)
    from (
      select r.org_id, r.pulse_id, r.cohort_id, a.position, a.value, count(*) as answers
      from answers a
      join responses r on r.org_id = a.org_id and r.pulse_id = a.pulse_id and r.id = a.response_id
      where a.org_id = ${orgId} and a.pulse_id = ${pulseId}
      group by r.org_id, r.pulse_id, r.cohort_id, a.position, a.value
    ) tally
    group by org_id, pulse_id, cohort_id, position`.execute(trx);
  // Counted once per pulse and grouped by cohort: a count per cohort (a subquery per row) read the
  // pulse's responses once for every cohort, seconds at 500 cohorts × 10,000 responses.
  await sql`
    update cohorts c set respondents = counted.respondents, ballots_taken = counted.ballots
    from (
      select k.id, coalesce(r.n, 0) as respondents, coalesce(b.n, 0) as ballots
      from cohorts k
      left join (select cohort_id, count(*) as n from responses
        where org_id = ${orgId} and pulse_id = ${pulseId} group by cohort_id) r on r.cohort_id = k.id
      left join (select cohort_id, count(*) as n from ballot_issuance
        where org_id = ${orgId} and pulse_id = ${pulseId} group by cohort_id) b on b.cohort_id = k.id
      where k.org_id = ${orgId} and k.pulse_id = ${pulseId}
    ) counted
    where c.org_id = ${orgId} and c.pulse_id = ${pulseId} and c.id = counted.id`.execute(trx);
  await sql`select set_config('enable_nestloop', ${rows[0]?.previous ?? 'on'}, true)`.execute(trx);
}
