import { tick } from 'svelte';
import { fieldIssues } from './issues.ts';

/**
 * The life of one form's submission: sending (to disable the button), the error to show in its
 * alert, the fields at fault (from the API's issues or the page's own checks) and the success
 * message for its status region.
 */
export class FormAction {
  sending = $state(false);
  error: unknown = $state.raw(null);
  success: string | null = $state(null);
  /** Paths of the fields at fault (`email`, `attributes.location`). */
  fields: ReadonlySet<string> = $state.raw(new Set());

  /** Whether this field (or something inside it, such as `attributes.location` for `attributes`) is at fault. */
  invalid(field: string): boolean {
    if (this.fields.has(field)) return true;
    for (const path of this.fields) if (path.startsWith(`${field}.`)) return true;
    return false;
  }

  /**
   * Runs the submission unless one is under way. Returns its result, or undefined when it failed
   * (the error is then kept for the alert and, given the form, focus moves to the first field at fault).
   */
  async run<T>(
    submit: () => Promise<T>,
    options: { success?: (result: T) => string | null; form?: HTMLFormElement | null } = {},
  ): Promise<T | undefined> {
    if (this.sending) return undefined;
    this.sending = true;
    this.error = null;
    this.success = null;
    this.fields = new Set();
    try {
      const result = await submit();
      this.success = options.success?.(result) ?? null;
      return result;
    } catch (error) {
      this.error = error;
      this.fields = new Set(fieldIssues(error).keys());
      await focusFirstInvalid(options.form);
      return undefined;
    } finally {
      this.sending = false;
    }
  }

  /** Flags fields found wrong before sending anything; false when there are some. */
  check(faults: Iterable<string>, form?: HTMLFormElement | null): boolean {
    const fields = new Set(faults);
    this.fields = fields;
    this.error = null;
    this.success = null;
    if (fields.size > 0) void focusFirstInvalid(form);
    return fields.size === 0;
  }

  reset(): void {
    this.error = null;
    this.success = null;
    this.fields = new Set();
  }
}

async function focusFirstInvalid(form: HTMLFormElement | null | undefined): Promise<void> {
  if (!form) return;
  await tick();
  form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
