/**
 * Resolves in a later task: the browser paints and handles input in between, so long work on the
 * page is cut into tasks well under 50 ms.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
