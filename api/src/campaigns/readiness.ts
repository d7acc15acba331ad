import type { GateInput as GateInputView, UnitGate } from '@insideout/contracts';
import {
  driverSample,
  evaluateGate,
  type GateEvaluation,
  type GateInput,
  type GatePolicy,
  resultsView,
  scoreChange,
} from '@insideout/core';
import type { Database } from '@insideout/db';
import type { Kysely } from 'kysely';
import { dialogueHealthOf } from '../dialogue/health.ts';
import { driverCells, groupFigures, itemCells } from '../results/figures.ts';
import { closedPulsesIn, type UnitRecord } from '../results/queries.ts';
import { type PulseRelease, releasesOf } from '../results/releases.ts';
import { asked } from '../results/service.ts';

/**
 * What the gate reads of a unit: the figures of its latest closed pulse exactly as the results
 * API releases them (from the pulse's one release plan), the engagement of the pulse before for
 * the trend, and its dialogue health. A hidden figure arrives as its reason, never as a number.
 */

export type JudgedUnit = UnitGate & { input: GateInputView };

/** The gate inputs of these units at `now`, by unit id. */
export async function gateInputsOf(
  db: Kysely<Database>,
  orgId: string,
  units: readonly UnitRecord[],
  now: Date,
): Promise<Map<string, GateInput>> {
  const health = await dialogueHealthOf(
    db,
    orgId,
    units.map((u) => u.id),
    now,
  );
  const inputs = new Map<string, GateInput>();
  for (const unit of units) {
    // A few more than two: a pulse can reach the subtree today and not have asked it on its own tree.
    const pulses = await closedPulsesIn(db, orgId, [unit.path], 4);
    const releases = (await releasesOf(db, orgId, pulses)).filter((release) => asked(release, unit.id)).slice(0, 2);
    const dialogue = health.get(unit.id);
    inputs.set(unit.id, {
      ...releasedFigures(unit.id, releases[0], releases[1], now),
      dialogue: dialogue ? { due: dialogue.due, answeredWithin7Days: dialogue.answeredWithin7Days } : null,
    });
  }
  return inputs;
}

function releasedFigures(
  unitId: string,
  latest: PulseRelease | undefined,
  previous: PulseRelease | undefined,
  now: Date,
): Omit<GateInput, 'dialogue'> {
  const at = now.toISOString();
  if (!latest) {
    return {
      at,
      pulse: null,
      respondents: null,
      participation: null,
      ambassadorship: null,
      enps: null,
      engagement: { current: null, previous: null, change: null },
    };
  }
  const view = resultsView(latest.plan, { unitId }).group;
  const cells = itemCells(latest, view);
  const figures = groupFigures(latest, view, cells);
  const engagement = driverCells(cells, 'engagement');

  let before: GateInput['engagement']['previous'] = null;
  let change: GateInput['engagement']['change'] = null;
  if (previous) {
    const previousCells = itemCells(previous, resultsView(previous.plan, { unitId }).group);
    const earlier = driverCells(previousCells, 'engagement');
    before = { pulseId: previous.pulse.id, score: earlier.own.length > 0 ? earlier.score : null };
    // Compared only where both figures are released (as the results trend does).
    if (engagement.own.length > 0 && engagement.score.released && earlier.score.released) {
      const a = driverSample(earlier.own.map((c) => ({ kind: c.item.kind, rollup: c.rollup })));
      const b = driverSample(engagement.own.map((c) => ({ kind: c.item.kind, rollup: c.rollup })));
      if (a && b) {
        const moved = scoreChange(a, b);
        change = { direction: moved.direction, p: Math.round(moved.p * 1000) / 1000 };
      }
    }
  }

  const { id, title, closedAt, k } = latest.pulse;
  return {
    at,
    pulse: { id, title, closedAt: (closedAt ?? now).toISOString(), k },
    respondents: figures.respondents,
    participation: figures.participation,
    ambassadorship: figures.drivers.find((d) => d.driver === 'ambassadorship')?.favourability ?? null,
    enps: figures.enps,
    engagement: { current: engagement.own.length > 0 ? engagement.score : null, previous: before, change },
  };
}

/** Each unit judged under the policy, with what was read: the record an evaluation keeps. */
export async function judgeUnits(
  db: Kysely<Database>,
  orgId: string,
  unitIds: readonly string[],
  units: ReadonlyMap<string, UnitRecord>,
  policy: GatePolicy,
  now: Date,
): Promise<JudgedUnit[]> {
  const known = unitIds.map((id) => units.get(id)).filter((u): u is UnitRecord => u !== undefined);
  const inputs = await gateInputsOf(db, orgId, known, now);
  return unitIds.map((id) => {
    const unit = units.get(id);
    // A target unit deleted since: nothing to read, so nothing to vouch for.
    const input = inputs.get(id) ?? releasedFiguresOfNothing(now);
    return toUnitGate({ id, name: unit?.name ?? '' }, input, evaluateGate(input, policy));
  });
}

function releasedFiguresOfNothing(now: Date): GateInput {
  return { ...releasedFigures('', undefined, undefined, now), dialogue: null };
}

export function toUnitGate(
  unit: { id: string; name: string },
  input: GateInput,
  evaluation: GateEvaluation,
): JudgedUnit {
  return {
    unit,
    pulse: input.pulse ? { id: input.pulse.id, title: input.pulse.title, closedAt: input.pulse.closedAt } : null,
    verdict: evaluation.verdict,
    criteria: evaluation.criteria,
    smallestChange: evaluation.smallestChange,
    input,
  };
}
