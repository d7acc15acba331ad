const day = 86_400_000;
/** A first staff reply within this many days of the comment becoming visible counts as answered. */
export const replyWindowDays = 7;

export interface HealthComment {
  /** When its pulse closed: a comment is visible from then (it carries no finer time). */
  visibleFrom: Date;
  firstStaffReplyAt: Date | null;
  addressed: boolean;
}

export interface HealthFigures {
  visibleComments: number;
  due: number;
  answeredWithin7Days: number;
  answeredWithin7DaysPercent: number | null;
  medianDaysToFirstReply: number | null;
  openConversations: number;
}

/**
 * Dialogue health of a set of visible comments (DESIGN.md "Metrics"): the share of them with a
 * first staff reply within 7 days, and the median days to that reply. Only comments that are due
 * count in the share — replied already, or visible for 7 days — so a pulse that closed yesterday
 * does not make a team look unresponsive. The percent is rounded down, so 79.9 % never reads as
 * the 80 % a gate asks for.
 */
export function dialogueHealth(comments: readonly HealthComment[], now: Date): HealthFigures {
  let due = 0;
  let answered = 0;
  let open = 0;
  const delays: number[] = [];
  for (const comment of comments) {
    if (!comment.addressed) open += 1;
    const reply = comment.firstStaffReplyAt;
    if (reply) {
      const delay = Math.max(0, reply.getTime() - comment.visibleFrom.getTime()) / day;
      delays.push(delay);
      due += 1;
      if (delay <= replyWindowDays) answered += 1;
    } else if (now.getTime() - comment.visibleFrom.getTime() >= replyWindowDays * day) {
      due += 1;
    }
  }
  return {
    visibleComments: comments.length,
    due,
    answeredWithin7Days: answered,
    answeredWithin7DaysPercent: due === 0 ? null : Math.floor((100 * answered) / due),
    medianDaysToFirstReply: delays.length === 0 ? null : Math.round(median(delays) * 10) / 10,
    openConversations: open,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
