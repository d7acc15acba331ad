/**
 * Structured logs, one JSON object per line on stdout. Never log request bodies, query strings,
 * IP addresses or secrets: call sites pass route patterns and ids, not raw URLs.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  const level = process.env.LOG_LEVEL as Level | undefined;
  if (level && level in order) return order[level];
  return process.env.NODE_ENV === 'test' || process.env.VITEST ? order.warn : order.info;
}

function write(level: Level, msg: string, fields: Record<string, unknown>) {
  if (order[level] < threshold()) return;
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
}

export const log = {
  debug: (msg: string, fields: Record<string, unknown> = {}) => write('debug', msg, fields),
  info: (msg: string, fields: Record<string, unknown> = {}) => write('info', msg, fields),
  warn: (msg: string, fields: Record<string, unknown> = {}) => write('warn', msg, fields),
  error: (msg: string, fields: Record<string, unknown> = {}) => write('error', msg, fields),
};
