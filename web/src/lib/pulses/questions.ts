import type { Driver, Question, QuestionKind } from '@insideout/contracts';
import { driverNames, drivers } from '@insideout/core';
import type { Locale } from '../i18n/locale.svelte.ts';

export { drivers };

export const questionKinds: readonly QuestionKind[] = ['likert5', 'nps11', 'text'];

/** A driver's name in the reader's language, from the bank's own list. */
export function driverName(driver: Driver, locale: Locale): string {
  return driverNames[driver][locale];
}

export interface DriverGroup {
  driver: Driver;
  questions: Question[];
}

/**
 * The questions by driver, drivers in the bank's order and only those with questions; in each, the
 * built-in ones first, then the organisation's. Retired questions are left out unless asked for
 * (they stay in past pulses, but no new pulse may use them).
 */
export function groupByDriver(questions: readonly Question[], options: { retired?: boolean } = {}): DriverGroup[] {
  const shown = questions.filter((question) => options.retired || !question.retired);
  return drivers.flatMap((driver) => {
    const inDriver = shown
      .filter((question) => question.driver === driver)
      .sort((a, b) => Number(a.source === 'org') - Number(b.source === 'org'));
    return inDriver.length > 0 ? [{ driver, questions: inDriver }] : [];
  });
}
