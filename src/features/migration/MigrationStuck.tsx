import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { STUCK_FORM_DAYS, STUCK_INVITED_DAYS } from '../../../electron/shared/domain/migration';
import type { StuckCustomer } from '../../../electron/shared/ipc/customers';
import { formatCount, formatDateTime } from '../../app/format';

/** What the stuck customer waits for: the form (invited) or the activation (form sent). */
export function stuckKind(state: StuckCustomer['state']): 'invitedNoForm' | 'formNotActivated' {
  return state === 'switched_on' ? 'invitedNoForm' : 'formNotActivated';
}

/** The stuck customers, longest waiting first; a click on the row, or the customer's link (Tab, Enter), opens the customer. */
export function MigrationStuck({ stuck, showBranch, onOpenCustomer }: { stuck: readonly StuckCustomer[]; showBranch: boolean; onOpenCustomer: (customerId: string) => void }) {
  const { t } = useTranslation();
  const rows = [...stuck].sort((a, b) => b.days - a.days || a.name.localeCompare(b.name, 'nb'));
  return (
    <Box component="section" aria-labelledby="migration-stuck-title">
      <Typography id="migration-stuck-title" variant="subtitle2" component="h2">
        {t('migration.stuck.title')}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        {t('migration.stuck.lead', { invitedDays: STUCK_INVITED_DAYS, formDays: STUCK_FORM_DAYS })}
      </Typography>
      <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1, maxHeight: 360 }}>
        <Table size="small" stickyHeader data-testid="migration-stuck" data-count={rows.length} sx={{ '& td, & th': { py: 0.5 } }}>
          <TableHead>
            <TableRow>
              <TableCell>{t('migration.stuck.customer')}</TableCell>
              {showBranch && <TableCell>{t('migration.stuck.branch')}</TableCell>}
              <TableCell>{t('migration.stuck.state')}</TableCell>
              <TableCell>{t('migration.stuck.since')}</TableCell>
              <TableCell sx={{ textAlign: 'right' }}>{t('migration.stuck.days')}</TableCell>
              <TableCell>{t('migration.stuck.kind')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={showBranch ? 6 : 5} sx={{ color: 'text.secondary' }}>
                  {t('migration.stuck.none')}
                </TableCell>
              </TableRow>
            )}
            {rows.map((row) => (
              <TableRow
                key={row.customerId}
                hover
                onClick={() => onOpenCustomer(row.customerId)}
                data-testid="migration-stuck-row"
                data-customer={row.customerId}
                data-kind={stuckKind(row.state)}
                sx={{ cursor: 'pointer' }}
              >
                <TableCell>
                  <Link
                    component="button"
                    type="button"
                    underline="hover"
                    aria-label={t('migration.stuck.open', { name: row.name })}
                    onClick={(event) => {
                      event.stopPropagation();
                      onOpenCustomer(row.customerId);
                    }}
                    sx={{ textAlign: 'left', fontSize: 'inherit' }}
                  >
                    {row.customerNumber} {row.name}
                  </Link>
                </TableCell>
                {showBranch && <TableCell>{row.branchName}</TableCell>}
                <TableCell>{t(`migration.states.${row.state}`)}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.since)}</TableCell>
                <TableCell sx={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums', color: 'sla.amber', fontWeight: 600 }}>{formatCount(row.days)}</TableCell>
                <TableCell>{t(`migration.stuck.${stuckKind(row.state)}`)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Box>
  );
}
