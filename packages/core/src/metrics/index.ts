export * from './display.ts';
export * from './distributions.ts';
export * from './enps.ts';
export * from './rollup.ts';
export * from './scores.ts';
export * from './significance.ts';
