/**
 * The pure domain of InsideOut: metrics, significance, disclosure control and the readiness gate.
 * No I/O and no imports of the database or HTTP layers, so every rule is testable on its own.
 */
export * from './dialogue/index.ts';
export * from './directory/index.ts';
export * from './disclosure/index.ts';
export * from './disclosure/thresholds.ts';
export * from './gate/index.ts';
export * from './metrics/index.ts';
export * from './pulses/answers.ts';
export * from './pulses/bank.ts';
export * from './pulses/cohorts.ts';
