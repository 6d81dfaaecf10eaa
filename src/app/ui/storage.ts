/**
 * The browser's storages, or null where they are disabled (private mode, a policy): what is kept
 * there then lasts for this page only.
 */

export function localStore(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
