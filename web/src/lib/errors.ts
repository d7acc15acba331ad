import { ApiRequestError } from './api/client.ts';
import { t } from './i18n/locale.svelte.ts';

/**
 * Turns anything a `catch` receives into a sentence a person can act on, in the current language:
 * one message per API error code, plus the request id to quote to support when the server gave one.
 * The server's own `message` is meant for developers and stays in the console.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiRequestError)) return t('error.unexpected');
  const message = t(`error.${error.code}`);
  return error.requestId ? `${message} ${t('error.reference', { requestId: error.requestId })}` : message;
}
