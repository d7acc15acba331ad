import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const Env = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    /** Connections of the PostgreSQL pool (with DATABASE_URL). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    DEMO: z
      .enum(['0', '1', 'true', 'false', ''])
      .default('0')
      .transform((v) => v === '1' || v === 'true'),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
    MAIL_FROM: z.string().min(3).default('InsideOut <no-reply@insideout.local>'),
    /** Where people reach the app, for links in e-mails; defaults to http://localhost:PORT. */
    PUBLIC_URL: z.url().optional(),
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(1440).default(120),
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(168).default(12),
    /** Master key of every server secret (base64 or hex, ≥ 32 bytes); required in production. */
    SECRET_KEY: z.string().min(32).optional(),
    NODE_ENV: z.string().default('development'),
    WEB_DIR: z
      .string()
      .min(1)
      .default(fileURLToPath(new URL('../../web/build', import.meta.url))),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.SMTP_URL !== undefined, {
    // The development outbox shows mail to HR leaders: sign-in and reset links would let them act as anyone.
    message: 'is required in production: without it, mail with sign-in links stays in an outbox HR leaders can read',
    path: ['SMTP_URL'],
  });

export type Config = z.infer<typeof Env>;

/** Reads the environment once, at start, and refuses to start on a bad value with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}
