/**
 * How thrown values are read, in one place: the text for a message, and whether it was a cancel.
 * Errors cross threads as `{ name, message }`, so both go by those two fields only.
 */

/** The message of a thrown value: an Error's (a DOMException is one) own message, anything else as a string. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Whether a thrown value is a cancel (or a run superseded by a newer one): an error named `AbortError`. */
export function isAbortError(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}
