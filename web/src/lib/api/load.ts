import { error, redirect } from '@sveltejs/kit';
import { describeError } from '../errors.ts';
import { signInPath } from '../session/access.ts';
import { ApiRequestError } from './client.ts';

/**
 * Awaits what a `load` function asks of the API. A failure becomes the error page with a sentence
 * a person understands (an expected error, not a crash), and an ended session the sign-in page.
 */
export async function fromApi<T>(url: URL, request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (cause) {
    if (!(cause instanceof ApiRequestError)) throw cause;
    if (cause.code === 'unauthenticated') redirect(307, signInPath(url));
    error(cause.status >= 400 && cause.status <= 599 ? cause.status : 503, describeError(cause));
  }
}
