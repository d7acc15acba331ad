import { afterEach, describe, expect, it } from 'vitest';
import { type ApiErrorCode, ApiRequestError } from './api/client.ts';
import { describeError } from './errors.ts';
import { en } from './i18n/en.ts';
import { locale } from './i18n/locale.svelte.ts';

const codes: ApiErrorCode[] = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'pulse_closed',
  'gate_not_passed',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal',
  'unavailable',
  'network',
];

const apiError = (code: ApiErrorCode, requestId: string | null = null) =>
  new ApiRequestError({ status: code === 'network' ? 0 : 400, code, message: 'developer detail', requestId });

afterEach(() => locale.set('en'));

describe('describeError', () => {
  it('gives every error code its own message', () => {
    locale.set('en');
    const messages = codes.map((code) => describeError(apiError(code)));
    expect(new Set(messages).size).toBe(codes.length);
    for (const message of messages) expect(message).not.toContain('developer detail');
  });

  it('says plainly when the database is down', () => {
    locale.set('en');
    expect(describeError(apiError('unavailable'))).toBe(en['error.unavailable']);
  });

  it('tells a network failure apart from an error the server answered', () => {
    locale.set('en');
    expect(describeError(apiError('network'))).toBe(
      'The service could not be reached. Check your connection and try again.',
    );
  });

  it('adds the request id to quote to support when the server gave one', () => {
    locale.set('en');
    expect(describeError(apiError('internal', 'req_7f3a'))).toBe(
      'Something went wrong on our side. Please try again. If the problem persists, quote reference req_7f3a to support.',
    );
  });

  it('speaks the current language', () => {
    locale.set('fr');
    expect(describeError(apiError('unavailable', 'req_1'))).toBe(
      'Le service est momentanément indisponible. Réessayez dans quelques minutes. Si le problème persiste, communiquez la référence req_1 au support.',
    );
  });

  it.each([new TypeError('x is undefined'), 'a string', null, undefined, { code: 'forbidden' }])(
    'treats %s, which is not an API error, as unexpected',
    (thrown) => {
      locale.set('en');
      expect(describeError(thrown)).toBe('Something unexpected happened. Please reload the page.');
    },
  );
});
