import type { Role } from '@insideout/contracts';
import type { PlainMessageKey } from './i18n/messages.ts';
import { type Access, mayAccess } from './session/access.ts';

export interface NavItem {
  href: `/${string}`;
  label: PlainMessageKey;
  /** Who sees the item; the page itself checks the same rule. */
  access: Access;
}

/** The main navigation, in order. A new section adds one line here (and its `nav.*` messages). */
export const navigation: readonly NavItem[] = [
  { href: '/', label: 'nav.home', access: 'everyone' },
  { href: '/pulses', label: 'nav.pulses', access: 'staff' },
  { href: '/results', label: 'results.nav', access: 'staff' },
  { href: '/results/overview', label: 'results.navOverview', access: 'hr' },
  { href: '/comments', label: 'nav.comments', access: 'staff' },
  { href: '/campaigns', label: 'nav.campaigns', access: 'hr' },
  { href: '/ambassadors', label: 'ambassadors.nav', access: 'hr' },
  { href: '/people', label: 'nav.people', access: 'staff' },
  { href: '/units', label: 'nav.units', access: 'staff' },
  { href: '/import', label: 'nav.import', access: 'hr' },
  { href: '/audit', label: 'nav.audit', access: 'hr' },
  { href: '/outbox', label: 'nav.outbox', access: 'hr' },
  { href: '/status', label: 'nav.status', access: 'everyone' },
];

/** The items someone with this role (null: signed out) may open. */
export function navigationFor(role: Role | null, items: readonly NavItem[] = navigation): NavItem[] {
  return items.filter((item) => mayAccess(role, item.access));
}

/**
 * A section is current on its own page and on the pages below it; home only on itself. A page that
 * has its own item further down (Results › Overview) is that item's alone, so only one is current.
 */
export function isCurrent(pathname: string, href: NavItem['href'], items: readonly NavItem[] = navigation): boolean {
  if (!covers(pathname, href)) return false;
  return !items.some((item) => item.href.startsWith(`${href}/`) && covers(pathname, item.href));
}

function covers(pathname: string, href: NavItem['href']): boolean {
  if (href === '/') return pathname === '/';
  return pathname === href || pathname.startsWith(`${href}/`);
}
