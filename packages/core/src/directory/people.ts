/** What a person may do in InsideOut; staff are managers and HR leaders. */
export type DirectoryRole = 'employee' | 'manager' | 'hr_admin';

/** A row of an imported file that was not imported, and why, in plain words. */
export interface RowError {
  /** 1-based physical line of the file. */
  line: number;
  reason: string;
}

// The address shape zod's `z.email()` accepts, so the API and the import agree on what is valid.
const emailShape =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export function isEmail(value: string): boolean {
  return value.length <= 254 && emailShape.test(value);
}
