import { useSyncExternalStore } from 'react';

// The time zone dates show in, remembered per browser like the language.
const STORAGE_KEY = 'rahatback.timeZone';
const listeners = new Set<() => void>();

/** The browser's own zone: what dates show in until another is chosen. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function remembered(): string | null {
  // Outside a browser (unit tests under Node) there is nothing remembered.
  if (typeof localStorage === 'undefined') return null;
  return localStorage.getItem(STORAGE_KEY);
}

/** The zone chosen in Settings, or null when none was (or it is no longer known). */
export function chosenTimeZone(): string | null {
  const zone = remembered();
  return zone !== null && isKnownZone(zone) ? zone : null;
}

/** The zone every date shows in and a new job starts with: the chosen one, else the browser's. */
export function displayTimeZone(): string {
  return chosenTimeZone() ?? browserTimeZone();
}

/** Remembers a zone; null forgets the choice, so the browser's zone applies again. */
export function chooseTimeZone(zone: string | null): void {
  if (zone === null) localStorage.removeItem(STORAGE_KEY);
  else localStorage.setItem(STORAGE_KEY, zone);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // A choice made in another tab applies here too.
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY || event.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The display zone, re-rendering when it is chosen again. */
export function useDisplayTimeZone(): string {
  return useSyncExternalStore(subscribe, displayTimeZone);
}

/** Every IANA zone the browser knows, sorted, with UTC and `extra` (an alias) added if missing. */
export function timeZoneOptions(...extra: string[]): string[] {
  return [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', ...extra])].sort();
}
