import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { QUOTE_DECLINE_REASON_MAX_LENGTH, quoteDeclineReasonSchema } from '../../../electron/shared/domain/quoteAnswer';

/** Asks for the reason the customer will see, required, before declining a request. */
export function DeclineDialog({ open, onCancel, onConfirm }: { open: boolean; onCancel: () => void; onConfirm: (reason: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const parsed = quoteDeclineReasonSchema.safeParse(reason);
  const error = parsed.success ? null : reason.trim() === '' ? t('quotes.decline.required') : t('quotes.decline.tooLong', { max: QUOTE_DECLINE_REASON_MAX_LENGTH });

  function submit(event: FormEvent): void {
    event.preventDefault();
    setTouched(true);
    if (!parsed.success) return;
    onConfirm(parsed.data);
    setReason('');
    setTouched(false);
  }

  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby="quote-decline-title" maxWidth="sm" fullWidth>
      <form onSubmit={submit} noValidate>
        <DialogTitle id="quote-decline-title">{t('quotes.decline.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{t('quotes.decline.lead')}</DialogContentText>
          <TextField
            autoFocus
            fullWidth
            required
            multiline
            minRows={3}
            label={t('quotes.decline.reason')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            error={touched && error !== null}
            helperText={touched ? error : null}
            slotProps={{ htmlInput: { 'data-testid': 'quote-decline-reason' } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>{t('quotes.decline.cancel')}</Button>
          <Button type="submit" color="error" variant="contained" data-testid="quote-decline-confirm">
            {t('quotes.decline.confirm')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
