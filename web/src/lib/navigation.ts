import type { PlainMessageKey } from './i18n/messages.ts';

export interface NavItem {
  href: `/${string}`;
  label: PlainMessageKey;
}

/** The main navigation, in order. A new section adds one line here (and its `nav.*` messages). */
export const navigation: readonly NavItem[] = [
  { href: '/', label: 'nav.home' },
  { href: '/status', label: 'nav.status' },
];

/** A section is current on its own page and on the pages below it; home only on itself. */
export function isCurrent(pathname: string, href: NavItem['href']): boolean {
  if (href === '/') return pathname === '/';
  return pathname === href || pathname.startsWith(`${href}/`);
}
