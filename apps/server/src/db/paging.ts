import type { Selectable, SelectQueryBuilder } from 'kysely';
import type { DB } from './tables.js';

/** Tables listed newest first in pages: backup runs (history) and restores. */
type StartedTable = 'backup_runs' | 'restores';

/**
 * One page of `base`'s rows, newest first (id breaks ties so pages never overlap), and how
 * many rows match in all.
 */
export async function newestFirstPage<T extends StartedTable>(
  base: SelectQueryBuilder<DB, T, object>,
  query: { page: number; pageSize: number },
): Promise<{ rows: Selectable<DB[T]>[]; total: number }> {
  const b = base as unknown as SelectQueryBuilder<DB, StartedTable, object>;
  const [rows, count] = await Promise.all([
    b
      .selectAll()
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    b.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as Selectable<DB[T]>[], total: Number(count.n) };
}
