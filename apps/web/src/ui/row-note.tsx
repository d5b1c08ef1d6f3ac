import { Box, Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A full-width row under a table row (a test result, a warning). On a phone the table scrolls
 * sideways inside its container; the note sticks to the container's left edge and is no wider
 * than the screen, so its sentence is read without scrolling.
 */
export function RowNote({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        <Box
          style={{
            position: 'sticky',
            insetInlineStart: 0,
            maxWidth:
              'min(100%, calc(100vw - 2 * var(--mantine-spacing-lg) - 2 * var(--mantine-spacing-xs)))',
          }}
        >
          {children}
        </Box>
      </Table.Td>
    </Table.Tr>
  );
}
