import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/client.ts';
import { FormAction } from './form-action.svelte.ts';
import { fieldIssues, retryAfterSeconds } from './issues.ts';

const invalid = (issues: unknown) =>
  new ApiRequestError({ status: 400, code: 'invalid_input', message: 'x', details: { issues } });

describe('fieldIssues', () => {
  it('names each field by its path, the first message winning', () => {
    const issues = fieldIssues(
      invalid([
        { path: ['email'], message: 'must be an e-mail address' },
        { path: ['attributes', 'location'], message: 'too long' },
        { path: ['email'], message: 'second' },
        { path: [], message: 'nothing to change' },
      ]),
    );
    expect([...issues]).toEqual([
      ['email', 'must be an e-mail address'],
      ['attributes.location', 'too long'],
      ['', 'nothing to change'],
    ]);
  });

  it('reads a conflict that names its field', () => {
    const taken = new ApiRequestError({
      status: 409,
      code: 'conflict',
      message: 'x',
      details: { issues: [{ path: ['email'], message: 'is already taken' }] },
    });
    expect([...fieldIssues(taken).keys()]).toEqual(['email']);
  });

  it.each([
    ['a conflict without details', new ApiRequestError({ status: 409, code: 'conflict', message: 'x' })],
    ['no details', new ApiRequestError({ status: 400, code: 'invalid_input', message: 'x' })],
    ['malformed issues', invalid('nope')],
    ['not an API error', new Error('x')],
  ])('finds nothing in %s', (_case, error) => {
    expect(fieldIssues(error).size).toBe(0);
  });
});

describe('retryAfterSeconds', () => {
  it('reads the wait of a 429', () => {
    const error = new ApiRequestError({
      status: 429,
      code: 'rate_limited',
      message: 'x',
      details: { retryAfterSeconds: 840 },
    });
    expect(retryAfterSeconds(error)).toBe(840);
  });

  it('is null without one', () => {
    expect(retryAfterSeconds(new ApiRequestError({ status: 429, code: 'rate_limited', message: 'x' }))).toBeNull();
    expect(retryAfterSeconds(new Error('x'))).toBeNull();
  });
});

describe('FormAction', () => {
  it('is sending while the submission runs, then keeps its success message', async () => {
    const action = new FormAction();
    let finish: (value: string) => void = () => {};
    const running = action.run(() => new Promise<string>((resolve) => (finish = resolve)), {
      success: (name) => `Saved ${name}`,
    });
    expect(action.sending).toBe(true);
    finish('Ana');
    await expect(running).resolves.toBe('Ana');
    expect(action.sending).toBe(false);
    expect(action.success).toBe('Saved Ana');
    expect(action.error).toBeNull();
  });

  it('keeps the error and marks the fields the API named', async () => {
    const action = new FormAction();
    const error = invalid([{ path: ['attributes', 'location'], message: 'too long' }]);
    await expect(
      action.run(async () => {
        throw error;
      }),
    ).resolves.toBeUndefined();
    expect(action.error).toBe(error);
    expect(action.invalid('attributes')).toBe(true);
    expect(action.invalid('attributes.location')).toBe(true);
    expect(action.invalid('attr')).toBe(false);
    expect(action.sending).toBe(false);
  });

  it('runs one submission at a time', async () => {
    const action = new FormAction();
    let calls = 0;
    const slow = () => {
      calls += 1;
      return new Promise((resolve) => setTimeout(resolve, 5));
    };
    await Promise.all([action.run(slow), action.run(slow)]);
    expect(calls).toBe(1);
  });

  it('flags fields found wrong before sending, and clears them on the next try', async () => {
    const action = new FormAction();
    expect(action.check(['email'])).toBe(false);
    expect(action.invalid('email')).toBe(true);
    expect(action.check([])).toBe(true);
    expect(action.invalid('email')).toBe(false);
  });
});
