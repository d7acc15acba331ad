import { describe, expect, it } from 'vitest';
import { dialogueHealth, type HealthComment } from './health.ts';

const closed = new Date('2026-10-01T12:00:00Z');
const daysAfter = (days: number) => new Date(closed.getTime() + days * 86_400_000);
const comment = (replyDays: number | null, addressed = false): HealthComment => ({
  visibleFrom: closed,
  firstStaffReplyAt: replyDays === null ? null : daysAfter(replyDays),
  addressed,
});

describe('dialogue health', () => {
  it('counts a reply on day 7 as within 7 days and one on day 7.5 as late', () => {
    const health = dialogueHealth([comment(7), comment(7.5)], daysAfter(30));
    expect(health).toMatchObject({ due: 2, answeredWithin7Days: 1, answeredWithin7DaysPercent: 50 });
  });

  it('does not count an unanswered comment as due before its 7 days have passed', () => {
    const early = dialogueHealth([comment(1), comment(null)], daysAfter(3));
    expect(early).toMatchObject({ visibleComments: 2, due: 1, answeredWithin7DaysPercent: 100 });
    const late = dialogueHealth([comment(1), comment(null)], daysAfter(8));
    expect(late).toMatchObject({ due: 2, answeredWithin7DaysPercent: 50 });
  });

  it('has no share while nothing is due, and no median without replies', () => {
    expect(dialogueHealth([comment(null)], daysAfter(1))).toMatchObject({
      answeredWithin7DaysPercent: null,
      medianDaysToFirstReply: null,
      openConversations: 1,
    });
    expect(dialogueHealth([], daysAfter(1)).visibleComments).toBe(0);
  });

  it('rounds the share down, so 79.9 % is not shown as the 80 % a gate asks for', () => {
    const comments = [
      ...Array.from({ length: 799 }, () => comment(1)),
      ...Array.from({ length: 201 }, () => comment(9)),
    ];
    expect(dialogueHealth(comments, daysAfter(30)).answeredWithin7DaysPercent).toBe(79);
  });

  it('takes the median of first-reply delays in days, to a tenth', () => {
    expect(dialogueHealth([comment(1), comment(2), comment(10)], daysAfter(30)).medianDaysToFirstReply).toBe(2);
    expect(dialogueHealth([comment(1), comment(2.25)], daysAfter(30)).medianDaysToFirstReply).toBe(1.6);
  });

  it('counts open conversations as the visible comments not marked addressed', () => {
    expect(dialogueHealth([comment(1, true), comment(null), comment(2)], daysAfter(30)).openConversations).toBe(2);
  });
});
