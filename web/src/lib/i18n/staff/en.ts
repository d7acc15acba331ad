import { campaignsEn } from '../campaigns/en.ts';

/**
 * English messages that only staff pages show (comments, replies, dialogue health; the readiness
 * gate and campaigns). They are a part of the catalog of their own, loaded when a staff page first
 * opens: an employee's survey page never downloads them. Keys and placeholders here are part of the
 * reference like `../en.ts`. Labels of the main navigation stay in `../en.ts` (`nav.*`): the
 * navigation shows on every page.
 */
export const staffEn = {
  ...campaignsEn,
  'comments.title': 'Comments',
  'comments.introManager':
    'What the people of your units wrote with their answers, and your conversations with them. They stay anonymous; your replies are signed with your name.',
  'comments.introHr':
    'What people wrote with their answers across the organisation, and the conversations with them. They stay anonymous; replies are signed with their author’s name.',
  'comments.how.title': 'Why you see these comments, and not others',
  'comments.how.threshold':
    'A group’s comments show only when at least {k} people of it answered the pulse. A smaller group never shows its comments on its own.',
  'comments.how.thresholdNoK':
    'A group’s comments show only when enough people of it answered the pulse. A smaller group never shows its comments on its own.',
  'comments.how.rollUp':
    'The comments of a group that is too small appear at the nearest unit above it that is large enough: that is why some comments are shown at a higher unit than their writer’s team.',
  'comments.how.noTime':
    'Comments carry no date or time and are listed in a shuffled order, so nobody can tell who wrote them from when or in what order they arrived.',
  'comments.how.replies':
    'Replies are signed with your name; the employee reads them, and answers back anonymously, with the receipt code kept on their device.',
  'comments.allUnits': 'All units',
  'comments.allYourUnits': 'All your units',
  'comments.driver': 'Topic',
  'comments.allDrivers': 'All topics',
  'comments.generalOnly': 'General comments',
  'comments.tabsLabel': 'Show',
  'comments.tab.all': 'All',
  'comments.tab.flagged': 'Flagged',
  'comments.loading': 'Loading the comments…',
  'comments.noPulse': 'No closed pulse has comments you can read yet.',
  'comments.listHeading': 'Comments on {pulse}',
  'comments.showing': '{shown} of {total} comments shown.',
  'comments.noneHere': 'No comment matches these filters.',
  'comments.more': 'Show more comments',
  'dialogue.generalShort': 'General',
  'dialogue.commentLabel': 'The comment',
  'dialogue.shownAt': 'Shown at {unit}',
  'dialogue.state.unanswered': 'Unanswered',
  'dialogue.state.answered': 'Answered',
  'dialogue.state.follow_up': 'Follow-up',
  'dialogue.state.addressed': 'Addressed',
  'dialogue.flag.names_person': 'Names a person',
  'dialogue.flag.sensitive_words': 'Sensitive words',
  'dialogue.flaggedIntro': 'Pointed out to HR leaders:',
  'dialogue.flaggedNames': 'it names someone from the directory.',
  'dialogue.flaggedWords': 'it uses {words} from the list of sensitive words.',
  'dialogue.reply.open': 'Reply',
  'dialogue.reply.acknowledge': 'Quick answer (optional)',
  'dialogue.reply.noAck': 'None',
  'dialogue.reply.body': 'Your reply',
  'dialogue.reply.hint': 'Optional with a quick answer. Signed with your name, {name}; the employee stays anonymous.',
  'dialogue.reply.empty': 'Write a reply or choose a quick answer.',
  'dialogue.reply.send': 'Send the reply',
  'dialogue.reply.sent': 'Your reply has been sent.',
  'dialogue.markAddressed': 'Mark as addressed',
  'dialogue.reopen': 'Reopen',
  'dialogue.markedAddressed': 'Marked as addressed.',
  'dialogue.reopened': 'Reopened.',
  'dialogue.words.title': 'Sensitive words',
  'dialogue.words.intro':
    'A comment that uses one of these words (case and accents ignored), or names someone from the directory, is pointed out to HR leaders. People writing a comment are warned before they send it.',
  'dialogue.words.label': 'Words and phrases',
  'dialogue.words.hint': 'One per line.',
  'dialogue.words.invalid': 'Each word needs {min} to {max} characters: {words}.',
  'dialogue.words.tooMany': 'The list takes at most {count} words.',
  'dialogue.words.refused': 'The list was not accepted as it is.',
  'dialogue.words.save': 'Save the list',
  'dialogue.words.saved': 'The list has been saved ({count} words).',
  'dialogue.words.loading': 'Loading the list…',
  'health.title': 'Internal dialogue',
  'health.orgTitle': 'Internal dialogue across the organisation',
  'health.readComments': 'Read the comments',
  'health.answered': 'Answered within 7 days',
  'health.answeredOf': '{answered} of {due} comments due',
  'health.nothingDue': 'Nothing due yet',
  'health.nothingDueShort': 'nothing due yet',
  'health.median': 'Median time to first reply',
  'health.days.one': '{days} day',
  'health.days.other': '{days} days',
  'health.noReplyYet': 'No reply yet',
  'health.noReplyShort': 'no reply yet',
  'health.open': 'Open conversations',
  'health.openOf': 'of {visible} comments shown',
  'health.visible': 'Comments shown',
  'health.byUnit': 'Internal dialogue by unit',
  'health.definition':
    'Over the comments shown to staff from pulses closed in the last {days} days. A comment is due once it has a reply or has been shown for 7 days; “answered within 7 days” is the share of due comments whose first staff reply came within 7 days of the pulse closing. Open conversations are those not marked as addressed.',
} as const;
