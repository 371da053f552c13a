import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Select from '@mui/material/Select';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { osloDate } from '../../../electron/shared/domain/calendar';
import { roleMayPerform } from '../../../electron/shared/domain/permissions';
import type { AuthState } from '../../../electron/shared/ipc/contract';
import type { MigrationOverview } from '../../../electron/shared/ipc/customers';
import { formatDateTime } from '../../app/format';
import { useCoreRead } from '../../app/useCoreRead';
import { MigrationBulkSwitchOn } from './MigrationBulkSwitchOn';
import { MigrationCounts } from './MigrationCounts';
import { migrationTables } from './migrationModel';
import { MigrationProgressChart } from './MigrationProgressChart';
import { MigrationStuck } from './MigrationStuck';

/** The staff member signed in. */
export type SessionStaff = NonNullable<AuthState['staff']>;

/** Read again every minute as well: "stuck for N days" changes with the clock alone. */
const OVERVIEW_REFRESH_MS = 60_000;

/** A branch the overview can be narrowed to. */
export interface BranchOption {
  id: string;
  name: string;
}

/** Branch staff and consultants work in their own branch; customer service and admins pick one or all. */
export function picksBranch(staff: Pick<SessionStaff, 'role'>): boolean {
  return staff.role === 'admin' || staff.role === 'customer_service';
}

/** Props of the overview's view (everything read already). */
export interface MigrationOverviewViewProps {
  /** Undefined while loading; null when the core has no snapshot yet. */
  overview: MigrationOverview | null | undefined;
  /** The code of a failed read. */
  error: string | null;
  today: string;
  /** Null: every branch (shows the branch column of stuck customers). */
  branchId: string | null;
  /** The branch picker, for those who may pick. */
  branchPicker?: ReactNode;
  /** The bulk switch-on, for those who may switch on. */
  bulk?: ReactNode;
  onOpenCustomer: (customerId: string) => void;
}

/** The overview's sections: counts and moved share, the progress chart, stuck customers, and the bulk switch-on. */
export function MigrationOverviewView({ overview, error, today, branchId, branchPicker, bulk, onOpenCustomer }: MigrationOverviewViewProps) {
  const { t } = useTranslation();
  return (
    <Box data-testid="migration-overview" sx={{ px: 3, py: 2, display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 1400 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h1">
          {t('migration.overview.title')}
        </Typography>
        {branchPicker}
        <Box sx={{ flex: 1 }} />
        {overview && (
          <Typography variant="caption" color="text.secondary">
            {t('migration.overview.asOf', { time: formatDateTime(overview.asOf) })}
          </Typography>
        )}
      </Box>
      {error !== null && (
        <Alert severity="warning" data-testid="migration-overview-error">
          {t('migration.overview.loadFailed', { code: error })}
        </Alert>
      )}
      {!overview ? (
        <Typography color="text.secondary" data-testid="migration-overview-loading">
          {t('migration.overview.loading')}
        </Typography>
      ) : (
        <>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <MigrationCounts overview={overview} />
          </Paper>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', xl: 'minmax(0, 1fr) minmax(0, 1fr)' }, gap: 2 }}>
            <Paper variant="outlined" sx={{ p: 2 }}>
              <MigrationProgressChart overview={overview} today={today} />
            </Paper>
            <Paper variant="outlined" sx={{ p: 2 }}>
              <MigrationStuck stuck={overview.stuck} showBranch={branchId === null} onOpenCustomer={onOpenCustomer} />
            </Paper>
          </Box>
        </>
      )}
      {bulk && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          {bulk}
        </Paper>
      )}
    </Box>
  );
}

/** The branches seen in an all-branches overview, so narrowing to one still offers the others. */
function useKnownBranches(overview: MigrationOverview | null | undefined, all: boolean): BranchOption[] {
  const [known, setKnown] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    if (!overview || !all) return;
    setKnown((previous) => {
      const missing = overview.counts.filter((cell) => !previous.has(cell.branchId));
      if (missing.length === 0) return previous;
      const next = new Map(previous);
      for (const cell of missing) next.set(cell.branchId, cell.branchName);
      return next;
    });
  }, [overview, all]);
  return useMemo(() => [...known].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'nb')), [known]);
}

const ALL = '__all__';

/** Moving customers to the new webshop (Flytting): the branch staff's overview, read live from the cache. */
export function MigrationPage({ staff, onOpenCustomer }: { staff: SessionStaff; onOpenCustomer: (customerId: string) => void }) {
  const { t } = useTranslation();
  const mayPick = picksBranch(staff);
  const [picked, setPicked] = useState<string | null>(null);
  const branchId = mayPick ? picked : staff.branchId;
  const input = useMemo(() => ({ branchId }), [branchId]);
  const read = useCoreRead('migration.overview', input, migrationTables, OVERVIEW_REFRESH_MS);
  const branches = useKnownBranches(read.stale ? undefined : read.value, branchId === null);
  const today = osloDate(new Date());

  const picker = mayPick ? (
    <FormControl size="small" sx={{ minWidth: 200 }}>
      <InputLabel id="migration-branch-label">{t('migration.overview.branch')}</InputLabel>
      <Select<string>
        labelId="migration-branch-label"
        label={t('migration.overview.branch')}
        value={picked ?? ALL}
        onChange={(event) => setPicked(event.target.value === ALL ? null : event.target.value)}
        data-testid="migration-branch"
      >
        <MenuItem value={ALL}>{t('migration.overview.allBranches')}</MenuItem>
        {branches.map((branch) => (
          <MenuItem key={branch.id} value={branch.id}>
            {branch.name}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  ) : undefined;

  return (
    <MigrationOverviewView
      overview={read.value}
      error={read.error}
      today={today}
      branchId={branchId}
      branchPicker={picker}
      bulk={roleMayPerform(staff.role, 'customer.setMigration') ? <MigrationBulkSwitchOn staff={staff} branchId={branchId} /> : undefined}
      onOpenCustomer={onOpenCustomer}
    />
  );
}
