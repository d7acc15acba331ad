import type { Acknowledgement, CommentFlag, ConversationState, EmployeeComment } from '@insideout/contracts';
import { type Locale, t } from '../i18n/locale.svelte.ts';
import { driverName } from '../pulses/questions.ts';

export const acknowledgements: readonly Acknowledgement[] = ['thanks', 'on_it', 'done', 'need_detail'];

/** A staff member's quick answer, as the employee reads it. */
export function acknowledgementLabel(acknowledgement: Acknowledgement): string {
  switch (acknowledgement) {
    case 'thanks':
      return t('dialogue.ack.thanks');
    case 'on_it':
      return t('dialogue.ack.on_it');
    case 'done':
      return t('dialogue.ack.done');
    case 'need_detail':
      return t('dialogue.ack.need_detail');
  }
}

/** Where a conversation stands, for staff. */
export function stateLabel(state: ConversationState): string {
  switch (state) {
    case 'unanswered':
      return t('dialogue.state.unanswered');
    case 'answered':
      return t('dialogue.state.answered');
    case 'follow_up':
      return t('dialogue.state.follow_up');
    case 'addressed':
      return t('dialogue.state.addressed');
  }
}

/** Where a conversation stands, as its author reads it. */
export function employeeStateLabel(state: ConversationState): string {
  switch (state) {
    case 'unanswered':
      return t('conversation.state.unanswered');
    case 'answered':
      return t('conversation.state.answered');
    case 'follow_up':
      return t('conversation.state.follow_up');
    case 'addressed':
      return t('conversation.state.addressed');
  }
}

export function flagLabel(flag: CommentFlag): string {
  switch (flag) {
    case 'names_person':
      return t('dialogue.flag.names_person');
    case 'sensitive_words':
      return t('dialogue.flag.sensitive_words');
  }
}

/** What a comment was written about: its item's text, or a general comment. */
export function commentSubject(item: EmployeeComment['item'], locale: Locale): string {
  return item ? item.text[locale] : t('dialogue.general');
}

/** The driver of a comment's item, or "General". */
export function commentTopic(item: EmployeeComment['item'], locale: Locale): string {
  return item ? driverName(item.driver, locale) : t('dialogue.generalShort');
}

/**
 * The day of an employee's message. Only the day is kept (as midnight UTC), so it is shown in UTC:
 * in the reader's own time zone it could read as the day before.
 */
export function dayFormat(locale: Locale): Intl.DateTimeFormat {
  // The browser's own variant of the page's language (en-GB writes 28 Nov 2026), as elsewhere.
  const browser = typeof navigator === 'undefined' ? undefined : navigator.language;
  const tag = browser?.toLowerCase().startsWith(locale) ? browser : locale;
  return new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
}
