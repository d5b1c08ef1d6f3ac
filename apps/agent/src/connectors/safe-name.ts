import { EngineError } from './engine-error.js';

/**
 * Refuses a database name that a client tool would read as something else: an option
 * (a leading "-"), a connection string ("=" or a postgres:// URI, which libpq expands in
 * place of a name), or a control character that could end a line of a generated file.
 */
export function assertSafeDatabaseName(name: string, engineLabel: string): void {
  const reason = unsafeReason(name);
  if (reason !== undefined)
    throw new EngineError(
      'UNSAFE_NAME',
      `the ${engineLabel} database name "${name.replace(/[\p{Cc}]/gu, '?')}" ${reason}: rename the database or pick another one`,
    );
}

function unsafeReason(name: string): string | undefined {
  if (name.startsWith('-')) return 'starts with "-" and would be read as an option';
  if (/^postgres(ql)?:\/\//i.test(name)) return 'is a connection URI, not a name';
  if (name.includes('=')) return 'contains "=" and would be read as a connection string';
  if (/[\p{Cc}]/u.test(name)) return 'contains a control character';
  return undefined;
}
