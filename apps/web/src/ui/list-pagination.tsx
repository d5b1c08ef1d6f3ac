import { Group, Pagination } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clampPage, PAGE_SIZE, pageCount, pageSlice } from './pagination.js';

interface PagedList<T> {
  /** The rows of the page shown. */
  pageItems: T[];
  /** The pager to put under the table; nothing when everything fits on one page. */
  pagination: ReactNode;
}

/**
 * Pages a list the API returns whole (agents, databases, storages, jobs), 25 rows at a time.
 * `label` names the list for screen readers ("Databases pages").
 */
export function usePagedList<T>(
  items: readonly T[],
  label: string,
  pageSize = PAGE_SIZE,
): PagedList<T> {
  const [page, setPage] = useState(1);
  const shown = clampPage(page, items.length, pageSize);
  return {
    pageItems: pageSlice(items, shown, pageSize),
    pagination: (
      <ListPagination
        page={shown}
        total={pageCount(items.length, pageSize)}
        onChange={setPage}
        label={label}
      />
    ),
  };
}

interface ListPaginationProps {
  page: number;
  total: number;
  onChange: (page: number) => void;
  label: string;
}

export function ListPagination({ page, total, onChange, label }: ListPaginationProps) {
  const { t } = useTranslation();
  if (total <= 1) return null;
  return (
    <Group
      justify="center"
      mt="md"
      component="nav"
      aria-label={t('common.pagination.label', { list: label })}
    >
      <Pagination
        value={page}
        total={total}
        onChange={onChange}
        siblings={1}
        getItemProps={(item) => ({
          'aria-label': t('common.pagination.page', { page: item }),
          'aria-current': item === page ? 'page' : undefined,
        })}
        getControlProps={(control) => ({ 'aria-label': t(`common.pagination.${control}`) })}
      />
    </Group>
  );
}
