/** The reset token of a mailed link `/reset-password#token=…`, or null when the fragment has none. */
export function resetTokenFrom(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token')?.trim();
  return token ? token : null;
}
