import type { Database } from '@insideout/db';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';

export interface Mail {
  orgId: string;
  to: string;
  subject: string;
  text: string;
  /**
   * Only the recipient may read it (an introduced contact's consent request names them, their
   * address and the introducer's note): the development outbox keeps it for the recipient's
   * mailbox stand-in but shows HR leaders neither its recipient nor its text.
   */
  confidential?: boolean;
}

export interface Mailer {
  /** `smtp` delivers through SMTP_URL; `outbox` keeps mail in the database for HR leaders to read (confidential mail withheld). */
  readonly kind: 'smtp' | 'outbox';
  send(db: Kysely<Database>, mail: Mail): Promise<void>;
  close(): void;
}

export function createMailer(options: { smtpUrl?: string | undefined; from: string }): Mailer {
  if (!options.smtpUrl) return outboxMailer;
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    kind: 'smtp',
    send: async (_db, mail) => {
      await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}

const outboxMailer: Mailer = {
  kind: 'outbox',
  send: async (db, mail) => {
    await db
      .insertInto('mailOutbox')
      .values({ ...mail, confidential: mail.confidential ?? false })
      .execute();
  },
  close: () => {},
};
