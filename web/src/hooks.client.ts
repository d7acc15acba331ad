import type { HandleClientError } from '@sveltejs/kit';
import { t } from '$lib/i18n/locale.svelte';

// An unknown address is an ordinary outcome in a single-page app, answered by +error.svelte; only
// real faults are worth a console error (the browser tests treat any console error as a defect).
// The message is what the error page shows, so it is said in the reader's language.
export const handleError: HandleClientError = ({ error, status }) => {
  if (status !== 404) console.error(error);
  return { message: status === 404 ? t('notFound.body') : t('error.unexpected') };
};
