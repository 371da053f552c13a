import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import { deferBounds, type DialogAction, type DialogErrors, type DialogValues } from './migrationModel';

/** Props of the panel's dialog. */
export interface MigrationDialogProps {
  /** The switch-off confirmation, or an action that needs a reason. */
  kind: 'switchOff' | DialogAction;
  /** Today in Oslo (`YYYY-MM-DD`): the deferral's dates count from it. */
  today: string;
  errors: DialogErrors | null;
  /** The core's refusal of the last submit, in its words. */
  refusal: string | null;
  sending: boolean;
  onCancel: () => void;
  onSubmit: (values: DialogValues) => void;
  /** Render in place instead of at the end of the document (markup tests). */
  disablePortal?: boolean;
}

function errorText(errors: DialogErrors | null, field: keyof DialogErrors, t: TFunction): string | null {
  const error = errors?.[field];
  if (!error) return null;
  switch (error.key) {
    case 'dateRange':
      return t('migration.dialog.dateRange', { min: formatDate(error.min), max: formatDate(error.max) });
    case 'reasonTooLong':
      return t('migration.dialog.reasonTooLong', { max: error.max });
    case 'reasonRequired':
      return t('migration.dialog.reasonRequired');
  }
}

/**
 * The migration panel's dialog: a short "switch off?" confirmation, or a form asking for a
 * reason (and for a deferral a date 14–28 days ahead, today+14 at first). Enter submits, Esc cancels.
 */
export function MigrationDialog({ kind, today, errors, refusal, sending, onCancel, onSubmit, disablePortal = false }: MigrationDialogProps) {
  const { t } = useTranslation();
  const bounds = deferBounds(today);
  const [until, setUntil] = useState(bounds.min);
  const [reason, setReason] = useState('');
  const titleId = 'migration-dialog-title';

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (!sending) onSubmit({ until, reason });
  }

  const title = kind === 'switchOff' ? t('migration.dialog.switchOffTitle') : t(`migration.dialog.${kind}Title`);
  const lead =
    kind === 'switchOff'
      ? t('migration.dialog.switchOffLead')
      : kind === 'defer'
        ? t('migration.dialog.deferLead', { min: formatDate(bounds.min), max: formatDate(bounds.max) })
        : t(`migration.dialog.${kind}Lead`);
  const untilError = errorText(errors, 'until', t);
  const reasonError = errorText(errors, 'reason', t);

  return (
    <Dialog open onClose={onCancel} aria-labelledby={titleId} maxWidth="sm" fullWidth disablePortal={disablePortal} data-testid="migration-dialog" data-kind={kind}>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{lead}</DialogContentText>
          {kind === 'defer' && (
            <TextField
              type="date"
              fullWidth
              required
              label={t('migration.dialog.deferDate')}
              value={until}
              onChange={(event) => setUntil(event.target.value)}
              error={untilError !== null}
              helperText={untilError}
              sx={{ mb: 2 }}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: bounds.min, max: bounds.max, 'data-testid': 'migration-defer-date' } }}
            />
          )}
          {kind !== 'switchOff' && (
            <TextField
              autoFocus
              fullWidth
              required
              label={t('migration.dialog.reason')}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              error={reasonError !== null}
              helperText={reasonError}
              slotProps={{ htmlInput: { 'data-testid': 'migration-reason' } }}
            />
          )}
          {refusal !== null && (
            <Alert severity="error" role="alert" sx={{ mt: 2 }} data-testid="migration-dialog-error">
              {refusal}
            </Alert>
          )}
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1.5 }}>
            {t('migration.dialog.keyboardHint')}
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel} data-testid="migration-dialog-cancel">
            {t('migration.dialog.cancel')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            color={kind === 'switchOff' ? 'error' : 'primary'}
            disabled={sending}
            autoFocus={kind === 'switchOff'}
            data-testid="migration-dialog-submit"
          >
            {kind === 'switchOff' ? t('migration.dialog.confirmSwitchOff') : t('migration.dialog.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
