import type { Role } from '@insideout/contracts';

/** Who may open a page: anyone, staff (managers and HR leaders), or HR leaders only. */
export type Access = 'everyone' | 'staff' | 'hr';

export function mayAccess(role: Role | null, access: Access): boolean {
  switch (access) {
    case 'everyone':
      return true;
    case 'staff':
      return role === 'manager' || role === 'hr_admin';
    case 'hr':
      return role === 'hr_admin';
  }
}

/** Pages for signed-out visitors: nobody needs to come back to them after signing in. */
const guestPages = new Set(['/', '/sign-in', '/setup', '/forgot-password', '/reset-password']);

/** The sign-in page, coming back to `url` once signed in. */
export function signInPath(url: Pick<URL, 'pathname' | 'search'>): string {
  if (guestPages.has(url.pathname)) return '/sign-in';
  return `/sign-in?next=${encodeURIComponent(`${url.pathname}${url.search}`)}`;
}

/**
 * Where to go after signing in: the `next` the sign-in page was given, when it is a path of this
 * app. Anything else (another site, `//host`, `/\host`, a `javascript:` URL) goes home instead, so
 * the sign-in page cannot be used to send someone elsewhere.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  try {
    const base = 'http://app.invalid';
    const resolved = new URL(next, base);
    if (resolved.origin !== base) return '/';
    if (resolved.pathname === '/sign-in') return '/';
    return `${resolved.pathname}${resolved.search}${resolved.hash}`;
  } catch {
    return '/';
  }
}
