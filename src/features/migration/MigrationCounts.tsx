import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { MigrationOverview } from '../../../electron/shared/ipc/customers';
import { formatCount } from '../../app/format';
import { countsTable, migrationStates, shareText } from './migrationModel';

const numeric = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** How many have moved (with a progress bar), and the customers per state × branch with totals. */
export function MigrationCounts({ overview }: { overview: MigrationOverview }) {
  const { t } = useTranslation();
  const table = countsTable(overview.counts);
  const percent = overview.total === 0 ? 0 : Math.min(100, Math.round((overview.moved / overview.total) * 100));
  return (
    <Box component="section" aria-labelledby="migration-counts-title">
      <Typography id="migration-counts-title" variant="subtitle2" component="h2" sx={{ mb: 1 }}>
        {t('migration.counts.title')}
      </Typography>
      <Box sx={{ mb: 1.5, maxWidth: 520 }}>
        <Typography variant="body2" data-testid="migration-moved" data-moved={overview.moved} data-total={overview.total} sx={{ mb: 0.5 }}>
          {t('migration.counts.moved', { moved: formatCount(overview.moved), total: formatCount(overview.total), percent: shareText(overview.moved, overview.total) })}
        </Typography>
        <LinearProgress variant="determinate" value={percent} aria-label={t('migration.counts.movedLabel')} sx={{ height: 8, borderRadius: 4 }} />
      </Box>
      <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
        <Table size="small" data-testid="migration-counts" sx={{ '& td, & th': { py: 0.5 } }}>
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">
                {t('migration.counts.branch')}
              </TableCell>
              {migrationStates.map((state) => (
                <TableCell key={state} component="th" scope="col" sx={numeric} data-state={state}>
                  {t(`migration.states.${state}`)}
                </TableCell>
              ))}
              <TableCell component="th" scope="col" sx={numeric}>
                {t('migration.counts.total')}
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {table.rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={migrationStates.length + 2}>{t('migration.counts.none')}</TableCell>
              </TableRow>
            )}
            {table.rows.map((row) => (
              <TableRow key={row.branchId} data-testid="migration-counts-row" data-branch={row.branchId}>
                <TableCell component="th" scope="row">
                  {row.branchName}
                </TableCell>
                {row.counts.map((count, index) => (
                  <TableCell key={migrationStates[index]} sx={{ ...numeric, color: count === 0 ? 'text.disabled' : 'text.primary' }} data-state={migrationStates[index]} data-count={count}>
                    {formatCount(count)}
                  </TableCell>
                ))}
                <TableCell sx={{ ...numeric, fontWeight: 600 }} data-count={row.total}>
                  {formatCount(row.total)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
          <TableFooter>
            <TableRow data-testid="migration-counts-total" sx={{ '& th, & td': { typography: 'body2', fontWeight: 700, color: 'text.primary', borderTop: 2, borderColor: 'divider' } }}>
              <TableCell component="th" scope="row">
                {t('migration.counts.total')}
              </TableCell>
              {table.totals.map((count, index) => (
                <TableCell key={migrationStates[index]} sx={numeric} data-state={migrationStates[index]} data-count={count}>
                  {formatCount(count)}
                </TableCell>
              ))}
              <TableCell sx={numeric} data-count={table.total}>
                {formatCount(table.total)}
              </TableCell>
            </TableRow>
          </TableFooter>
        </Table>
      </TableContainer>
    </Box>
  );
}
