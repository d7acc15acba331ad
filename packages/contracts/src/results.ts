import { z } from 'zod';
import { Id } from './directory.ts';
import { Driver, PulseState } from './pulses.ts';

/**
 * Results as they leave the API. Every figure is a cell that is either released, with its value,
 * or hidden, with the reason and no number at all (DESIGN.md "Disclosure control"). Every value is
 * an integer: 0–100 for scores and percents, −100..100 for eNPS and its interval.
 */
export const HiddenReason = z.enum(['below_threshold', 'complementary', 'not_closed']).meta({
  description:
    '`below_threshold`: fewer than k people (2k for a distribution); `complementary`: hidden because, with the ' +
    'figures shown elsewhere, it would tell something about fewer than k people; `not_closed`: the pulse is open.',
});
export type HiddenReason = z.infer<typeof HiddenReason>;

export const Hidden = z.object({ released: z.literal(false), reason: HiddenReason });
export type Hidden = z.infer<typeof Hidden>;

const disclosed = <T extends z.ZodRawShape>(shape: T) =>
  z.union([z.object({ released: z.literal(true), ...shape }), Hidden]);

const Score = z.number().int().min(0).max(100);
const Percent = z.number().int().min(0).max(100);
const EnpsValue = z.number().int().min(-100).max(100);
const Count = z.number().int().min(0);

export const ScoreCell = disclosed({ value: Score });
export const PercentCell = disclosed({ value: Percent });
export const CountCell = disclosed({ value: Count });
/** eNPS with its 90% interval (eNPS ± 1.645 × SE, clipped to −100..100). */
export const EnpsCell = disclosed({ value: EnpsValue, low: EnpsValue, high: EnpsValue });
/** Responses / audience at open; released on the audience, also while the pulse is open. */
export const ParticipationCell = disclosed({ audience: Count, responses: Count, rate: Percent });
/** Whole percents of each option, summing to 100; needs 2k answers. */
export const DistributionCell = disclosed({
  options: z.array(z.object({ value: z.number().int(), percent: Percent })),
});
export type ScoreCell = z.infer<typeof ScoreCell>;
export type PercentCell = z.infer<typeof PercentCell>;
export type CountCell = z.infer<typeof CountCell>;
export type EnpsCell = z.infer<typeof EnpsCell>;
export type ParticipationCell = z.infer<typeof ParticipationCell>;
export type DistributionCell = z.infer<typeof DistributionCell>;

export const AttributeFilter = z.object({ name: z.string(), value: z.string() });

export const ResultsPulse = z.object({
  id: z.uuid(),
  title: z.string(),
  state: PulseState.exclude(['draft']),
  closedAt: z.iso.datetime().nullable(),
  /** The anonymity threshold fixed when the pulse opened. */
  k: z.number().int(),
});
export type ResultsPulse = z.infer<typeof ResultsPulse>;

export const DriverFigures = z.object({
  driver: Driver,
  /** Mean of its items' 0–100 scores; shown where every item's score is. */
  score: ScoreCell,
  /** Favourable answers (4–5) over answers of its Likert items; null: the driver has none here. */
  favourability: PercentCell.nullable(),
});

export const ItemFigures = z.object({
  position: z.number().int(),
  questionKey: z.string(),
  driver: Driver,
  kind: z.enum(['likert5', 'nps11']),
  text: z.object({ en: z.string(), fr: z.string() }),
  score: ScoreCell,
  /** null for an eNPS item (it has promoters, not favourable answers). */
  favourability: PercentCell.nullable(),
  distribution: DistributionCell,
});

/** The figures of one group (a unit's subtree, or an attribute slice of it). */
export const GroupFigures = z.object({
  /** Respondents the scores stand on: released with the scores. */
  respondents: CountCell,
  participation: ParticipationCell,
  /** The Engagement driver's score; null: the pulse asked no Engagement item. */
  engagement: ScoreCell.nullable(),
  /** null: the pulse asked no eNPS item. */
  enps: EnpsCell.nullable(),
  drivers: z.array(DriverFigures),
});
export type GroupFigures = z.infer<typeof GroupFigures>;

export const UnitResults = z.object({
  pulse: ResultsPulse,
  unit: z.object({ id: z.uuid(), name: z.string() }),
  filter: AttributeFilter.nullable(),
  group: GroupFigures.extend({ items: z.array(ItemFigures) }),
  /** The unit's sub-units (with the same filter, if any). */
  subunits: z.array(GroupFigures.extend({ unitId: z.uuid(), name: z.string() })),
  /** The unit by the values of `attribute`, when asked for. */
  breakdown: z.object({ attribute: z.string(), rows: z.array(GroupFigures.extend({ value: z.string() })) }).nullable(),
});
export type UnitResults = z.infer<typeof UnitResults>;

const attributeName = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be an attribute name (lower_snake_case)');

export const UnitResultsQuery = z
  .object({
    /** Default: the latest closed pulse that asked the unit (the open one while none has closed). */
    pulseId: Id.optional(),
    /** Break the unit down by this attribute's values. */
    attribute: attributeName.optional(),
    /** `name:value`, e.g. `location:Lyon`. */
    filter: z
      .string()
      .max(120)
      .regex(/^[a-z][a-z0-9_]{0,31}:.{1,80}$/, 'must be name:value, e.g. location:Lyon')
      .optional(),
  })
  .refine((q) => !(q.attribute && q.filter), {
    message: 'a breakdown by attribute is of the whole unit: use attribute or filter, not both',
    path: ['attribute'],
  });

export const Change = z.object({
  direction: z.enum(['up', 'down', 'none']),
  /** Two-sided p-value, to 3 decimals. */
  p: z.number().min(0).max(1),
});
export type Change = z.infer<typeof Change>;

/** A trend figure: released with its change against the previous pulse where it was released (null: none). */
const withChange = <T extends z.ZodRawShape>(shape: T) =>
  z.union([z.object({ released: z.literal(true), ...shape, change: Change.nullable() }), Hidden]);
export const TrendScoreCell = withChange({ value: Score });
export const TrendEnpsCell = withChange({ value: EnpsValue, low: EnpsValue, high: EnpsValue });

export const TrendPoint = z.object({
  pulseId: z.uuid(),
  title: z.string(),
  closedAt: z.iso.datetime(),
  respondents: CountCell,
  engagement: TrendScoreCell.nullable(),
  enps: TrendEnpsCell.nullable(),
  /** In the order of `drivers`; score null: the pulse asked nothing of that driver. */
  drivers: z.array(z.object({ driver: Driver, score: TrendScoreCell.nullable() })),
});
export type TrendPoint = z.infer<typeof TrendPoint>;

export const Trend = z.object({
  unit: z.object({ id: z.uuid(), name: z.string() }),
  drivers: z.array(Driver),
  /** Closed pulses that asked the unit, oldest first. */
  points: z.array(TrendPoint),
});
export type Trend = z.infer<typeof Trend>;

export const TrendQuery = z.object({
  /** Comma-separated drivers (default: every driver asked). */
  drivers: z
    .string()
    .max(400)
    .refine(
      (list) => list.split(',').every((d) => Driver.safeParse(d.trim()).success),
      `must be drivers separated by commas (${Driver.options.join(', ')})`,
    )
    .optional(),
  /** The newest this many closed pulses. */
  limit: z.coerce.number().int().min(1).max(260).default(52),
});

export const HeatmapRow = z.object({
  unitId: z.uuid(),
  name: z.string(),
  parentId: z.uuid().nullable(),
  /** 0 for a row of `scope`, then one more per level below it. */
  depth: z.number().int(),
  respondents: CountCell,
  engagement: ScoreCell.nullable(),
  enps: EnpsCell.nullable(),
  /** In the order of `drivers`. */
  drivers: z.array(z.object({ driver: Driver, score: ScoreCell })),
});
export type HeatmapRow = z.infer<typeof HeatmapRow>;

export const Heatmap = z.object({
  pulse: ResultsPulse,
  drivers: z.array(Driver),
  /** The top of the caller's scope: the org for HR, each unit a manager manages. */
  scope: z.array(HeatmapRow),
  /** Every unit below, asked by the pulse, depth first. */
  units: z.array(HeatmapRow),
});
export type Heatmap = z.infer<typeof Heatmap>;

export const HeatmapQuery = z.object({
  /** Default: the latest closed pulse in the caller's scope (the open one while none has closed). */
  pulseId: Id.optional(),
});

export const ResultsPulseList = z.object({
  pulses: z.array(z.object({ id: z.uuid(), title: z.string(), closedAt: z.iso.datetime() })),
});
export type ResultsPulseList = z.infer<typeof ResultsPulseList>;
