import { ApiRequestError } from '../api/client.ts';

/**
 * The fields an API error names, from `details.issues[].path` (a 400, or a 409 such as an e-mail
 * address already taken): each path joined with dots (`attributes.location`), with the server's
 * message (English, for developers and as a fallback).
 */
export function fieldIssues(error: unknown): Map<string, string> {
  const issues = new Map<string, string>();
  if (!(error instanceof ApiRequestError)) return issues;
  const { details } = error;
  if (typeof details !== 'object' || details === null || !('issues' in details) || !Array.isArray(details.issues)) {
    return issues;
  }
  for (const issue of details.issues as unknown[]) {
    if (typeof issue !== 'object' || issue === null || !('path' in issue) || !Array.isArray(issue.path)) continue;
    const path = (issue.path as unknown[]).filter((part) => typeof part === 'string' || typeof part === 'number');
    const message = 'message' in issue && typeof issue.message === 'string' ? issue.message : '';
    const key = path.join('.');
    if (!issues.has(key)) issues.set(key, message);
  }
  return issues;
}

/** `details.retryAfterSeconds` of a 429, when the API gave it. */
export function retryAfterSeconds(error: unknown): number | null {
  if (!(error instanceof ApiRequestError) || error.code !== 'rate_limited') return null;
  const { details } = error;
  if (typeof details !== 'object' || details === null || !('retryAfterSeconds' in details)) return null;
  const seconds = details.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}
