/** Where the tab keeps its invitation once it is out of the address bar, so a reload still works. */
export const invitationStorageKey = 'insideout.survey.invitation';

type TabStorage = Pick<Storage, 'getItem' | 'setItem'> | null;

/**
 * The invitation token of this visit: the link's fragment (`/survey#<token>`) when there is one,
 * else the one this tab kept from an earlier load. `fromLink` says the fragment should now be
 * removed from the address bar (and from the history entry), where anyone glancing at the screen
 * or the browser's history could read it.
 */
export function takeInvitation(hash: string, storage: TabStorage): { token: string | null; fromLink: boolean } {
  const fromLink = hash.replace(/^#/, '').trim();
  if (fromLink) {
    try {
      storage?.setItem(invitationStorageKey, fromLink);
    } catch {
      // Storage blocked: a reload will need the link again.
    }
    return { token: fromLink, fromLink: true };
  }
  try {
    return { token: storage?.getItem(invitationStorageKey) || null, fromLink: false };
  } catch {
    return { token: null, fromLink: false };
  }
}

/** The tab's own storage, where the browser offers it. */
export function tabStorage(): TabStorage {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
