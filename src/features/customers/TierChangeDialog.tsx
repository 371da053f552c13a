import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import type { TFunction } from 'i18next';
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LOYALTY_TIERS } from '../../../electron/shared/domain/loyalty';
import { tierName, type LoyaltyTier } from './customerModel';
import { checkTierForm, isTier, tierReasonMax, type TierForm, type TierFormCheck, type TierSubmitResult } from './tierChange';

type Problem = Extract<TierFormCheck, { ok: false }>;

/**
 * A form problem in the UI language. Norwegian staff read the shared rule's own message for the
 * reason (the same words the server would use); other languages get the translated text.
 */
export function problemText(t: TFunction, language: string, problem: Problem): string {
  if (problem.field === 'reason' && problem.message !== null && language.startsWith('nb')) return problem.message;
  switch (problem.problem) {
    case 'chooseTier':
      return t('customers.tierDialog.chooseTier');
    case 'sameTier':
      return t('customers.tierDialog.sameTier');
    case 'required':
      return t('customers.tierDialog.required');
    case 'tooLong':
      return t('customers.tierDialog.tooLong', { max: tierReasonMax });
  }
}

/** Props of the form inside the dialog (state held by the dialog, so the form renders from props alone). */
export interface TierChangeFormProps {
  customerName: string;
  currentTier: LoyaltyTier;
  form: TierForm;
  /** The problem to show (after a first try to submit), or null. */
  problem: Problem | null;
  /** The core's refusal ("code" and its Norwegian message), or null. */
  refusal: { code: string; message: string } | null;
  submitting: boolean;
  onChange: (form: TierForm) => void;
  onCancel: () => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}

/** The tier select, the required reason, the refusal if any, and Cancel / Change. */
export function TierChangeForm({ customerName, currentTier, form, problem, refusal, submitting, onChange, onCancel, onSubmit }: TierChangeFormProps) {
  const { t, i18n } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const problemMessage = problem ? problemText(t, i18n.language, problem) : null;

  // Enter saves from the reason too (a reason is a sentence or two); Shift+Enter breaks the line.
  function handleReasonKey(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate data-testid="tier-change-form">
      <DialogTitle id="tier-change-title">{t('customers.tierDialog.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('customers.tierDialog.lead', { name: customerName, tier: tierName(t, currentTier).toLowerCase() })}</DialogContentText>
        <TextField
          select
          fullWidth
          required
          autoFocus={form.toTier === ''}
          label={t('customers.tierDialog.newTier')}
          value={form.toTier}
          onChange={(event) => onChange({ ...form, toTier: isTier(event.target.value) ? event.target.value : '' })}
          error={problem?.field === 'tier'}
          helperText={problem?.field === 'tier' ? problemMessage : null}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'tier-select' } }}
          sx={{ mb: 2 }}
        >
          <option value="" disabled>
            {t('customers.tierDialog.choose')}
          </option>
          {LOYALTY_TIERS.map((tier) => (
            <option key={tier} value={tier} disabled={tier === currentTier}>
              {tier === currentTier ? t('customers.tierDialog.currentOption', { tier: tierName(t, tier) }) : tierName(t, tier)}
            </option>
          ))}
        </TextField>
        <TextField
          fullWidth
          required
          multiline
          minRows={3}
          autoFocus={form.toTier !== ''}
          label={t('customers.tierDialog.reason')}
          value={form.reason}
          onChange={(event) => onChange({ ...form, reason: event.target.value })}
          onKeyDown={handleReasonKey}
          error={problem?.field === 'reason'}
          helperText={problem?.field === 'reason' ? problemMessage : `${t('customers.tierDialog.reasonHelp')} ${form.reason.trim().length}/${tierReasonMax}`}
          slotProps={{ htmlInput: { 'data-testid': 'tier-reason' } }}
        />
        {refusal !== null && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="tier-change-error" data-code={refusal.code}>
            {t('customers.tierDialog.refused', { message: refusal.message, code: refusal.code })}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} data-testid="tier-change-cancel">
          {t('customers.tierDialog.cancel')}
        </Button>
        <Button type="submit" variant="contained" disabled={submitting} data-testid="tier-change-submit">
          {submitting ? t('customers.tierDialog.submitting') : t('customers.tierDialog.submit')}
        </Button>
      </DialogActions>
    </form>
  );
}

/** Props of the tier change dialog. */
export interface TierChangeDialogProps {
  open: boolean;
  customerName: string;
  /** The tier the staff member sees now: the change is made from it. */
  currentTier: LoyaltyTier;
  /** A tier chosen in advance (from the suggestion), still to be confirmed with a reason. */
  prefill: LoyaltyTier | null;
  onCancel: () => void;
  /** Queues the change; the dialog shows a problem or refusal and stays open, and the caller closes it on success. */
  onSubmit: (form: TierForm) => Promise<TierSubmitResult>;
}

/** Changing a customer's loyalty tier: a tier other than the current one and a required reason; Enter saves, Esc cancels. */
export function TierChangeDialog({ open, customerName, currentTier, prefill, onCancel, onSubmit }: TierChangeDialogProps) {
  const [form, setForm] = useState<TierForm>({ toTier: prefill ?? '', reason: '' });
  const [tried, setTried] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [refusal, setRefusal] = useState<{ code: string; message: string } | null>(null);
  const check = checkTierForm(currentTier, form);
  const problem = tried && !check.ok ? check : null;

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setTried(true);
    if (!check.ok || submitting) return;
    setSubmitting(true);
    setRefusal(null);
    void onSubmit(form).then((result) => {
      setSubmitting(false);
      if (!result.ok && result.kind === 'refused') setRefusal({ code: result.code, message: result.message });
    });
  }

  return (
    <Dialog
      open={open}
      onClose={() => {
        if (!submitting) onCancel();
      }}
      aria-labelledby="tier-change-title"
      maxWidth="sm"
      fullWidth
      data-testid="tier-change-dialog"
    >
      <TierChangeForm
        customerName={customerName}
        currentTier={currentTier}
        form={form}
        problem={problem}
        refusal={refusal}
        submitting={submitting}
        onChange={(next) => {
          setForm(next);
          setRefusal(null);
        }}
        onCancel={onCancel}
        onSubmit={submit}
      />
    </Dialog>
  );
}
