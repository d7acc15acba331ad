export * from './campaign-states.ts';
export * from './evaluate.ts';
export * from './policy.ts';
