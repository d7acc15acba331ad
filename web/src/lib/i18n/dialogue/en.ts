/**
 * English messages of a conversation about a comment, as the employee follows it on the
 * conversation page and as staff read it: a part of the catalog of its own, loaded by those pages
 * only, so the survey page's first load stays small.
 */
export const dialogueEn = {
  'dialogue.general': 'General comment',
  'dialogue.staffMember': 'Staff member',
  'dialogue.employee': 'Employee',
  'dialogue.threadLabel': 'Conversation',
  'dialogue.ack.thanks': 'Thanks',
  'dialogue.ack.on_it': 'We are on it',
  'dialogue.ack.done': 'Done',
  'dialogue.ack.need_detail': 'Need more detail',
  'conversation.title': 'Your comments and the replies',
  'conversation.intro':
    'Read what your managers and HR replied to the comments you sent with a survey, and answer them. You stay anonymous: only your receipt code proves the comments are yours.',
  'conversation.lost.title': 'Your receipt code is the only way back',
  'conversation.lost.body':
    'It is kept on the device you answered with, and nowhere else. If it is lost, nobody can recover it or find your comments, not your manager, not HR, not the people who run InsideOut: that is what keeps them anonymous. Write it down if you want to follow your comments from another device.',
  'conversation.reading': 'Looking for receipt codes on this device…',
  'conversation.noneOnDevice':
    'No receipt code of answers with comments is kept on this device. If you have one, type it below.',
  'conversation.untitled': 'Your comments',
  'conversation.receiptCode': 'Receipt code',
  'conversation.fromDevice': '(kept on this device)',
  'conversation.loading': 'Loading your comments…',
  'conversation.noComments': 'These answers were sent without a comment: there is no conversation to follow.',
  'conversation.retry': 'Try again',
  'conversation.pulseOpen':
    'The survey is still open. Your comments reach your managers when it closes, if your group is large enough.',
  'conversation.you': 'You',
  'conversation.yourComment': 'Your comment',
  'conversation.noReplyYet': 'No reply yet.',
  'conversation.state.unanswered': 'Waiting for a reply',
  'conversation.state.answered': 'Replied',
  'conversation.state.follow_up': 'You answered back',
  'conversation.state.addressed': 'Marked as addressed',
  'conversation.visibility.pending': 'Not shown yet: comments show when the survey closes.',
  'conversation.visibility.shown': 'Shown to the managers of {unit} and to HR leaders, without your name.',
  'conversation.visibility.not_shown':
    'Not shown to anyone: fewer than {k} people answered, even counting the whole organisation, so the comment stays unread to protect you.',
  'conversation.followUp.label': 'Answer back',
  'conversation.followUp.hint':
    'Up to 2,000 characters. You stay anonymous: it is shown as from “Employee”, with the day only.',
  'conversation.followUp.empty': 'Write your answer first.',
  'conversation.followUp.send': 'Send my answer',
  'conversation.followUp.sent': 'Your answer has been sent.',
  'conversation.followUp.conflict':
    'This comment cannot take answers now: it is not shown to anyone, or its survey is still open. Reload the page to see where it stands.',
  'conversation.lookup.title': 'Open another receipt code',
  'conversation.lookup.titleFirst': 'Open a receipt code',
  'conversation.lookup.intro': 'Answered on another device? Type the receipt code you wrote down.',
  'conversation.lookup.label': 'Receipt code',
  'conversation.lookup.hint': '16 letters and digits, such as 7KQ2-M9XD-4TRB-0HZF.',
  'conversation.lookup.invalid': 'A receipt code has 16 letters and digits.',
  'conversation.lookup.open': 'Open',
  'conversation.lookup.notFound':
    'No comment has this receipt code. Check it; answers sent without a comment have no conversation.',
} as const;
