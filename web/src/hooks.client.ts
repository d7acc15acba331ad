import type { HandleClientError } from '@sveltejs/kit';

// An unknown address is an ordinary outcome in a single-page app, answered by +error.svelte; only
// real faults are worth a console error (the browser tests treat any console error as a defect).
export const handleError: HandleClientError = ({ error, status, message }) => {
  if (status !== 404) console.error(error);
  return { message };
};
