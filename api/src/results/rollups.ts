import type { Database } from '@insideout/db';
import { sql, type Transaction } from 'kysely';

/**
 * Aggregates a closing pulse into rollups (per cohort and item: n, sum, sum of squares, histogram)
 * and fixes each cohort's respondents and ballots. Runs in the closing transaction, after sealing:
 * results are read from here, never from raw answers.
 */
export async function computeRollups(trx: Transaction<Database>, orgId: string, pulseId: string) {
  await sql`delete from rollups where org_id = ${orgId} and pulse_id = ${pulseId}`.execute(trx);
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
  await sql`
    update cohorts c set
      respondents = (select count(*) from responses r where r.org_id = c.org_id and r.pulse_id = c.pulse_id and r.cohort_id = c.id),
      ballots_taken = (select count(*) from ballot_issuance b where b.org_id = c.org_id and b.pulse_id = c.pulse_id and b.cohort_id = c.id)
    where c.org_id = ${orgId} and c.pulse_id = ${pulseId}`.execute(trx);
}
