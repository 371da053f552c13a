import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { QuoteDetail } from '../../../electron/shared/ipc/quotes';
import { formatDate, formatDateTime, formatNok } from '../../app/format';
import { evaluateAnswer, messageMaxLength } from './answerForm';
import { setExtraDiscount, setOfferedPrice, type QuoteDraft } from './draftStore';
import { QuoteHeader, type QuoteHeaderActions } from './QuoteHeader';
import { QuoteLinesTable } from './QuoteLinesTable';
import { isEditableBy, type SessionStaff } from './quoteModel';
import { QuoteThread } from './QuoteThread';
import { QuoteTimeline } from './QuoteTimeline';

/** Props of the editor once the quote is loaded. */
export interface QuoteEditorViewProps {
  detail: QuoteDetail;
  staff: SessionStaff;
  draft: QuoteDraft;
  now: number;
  /** The last answer was refused by the server and the draft came back. */
  rejected: boolean;
  onDraftChange: (draft: QuoteDraft) => void;
  onSend: () => void;
  onComment: (body: string) => Promise<boolean>;
  actions: QuoteHeaderActions;
}

/** Why the answer cannot be edited, in words, or null when it can. */
export function readOnlyReason(quote: QuoteDetail['quote'], staff: SessionStaff, t: TFunction): string | null {
  if (isEditableBy(quote, staff.id)) return null;
  if (quote.status === 'in_progress' && quote.assigneeId !== null) return t('quotes.editor.readOnly.otherAssignee', { name: quote.assigneeName ?? '' });
  if (quote.status === 'requested' || quote.status === 'revision_requested' || quote.status === 'in_progress') return t('quotes.editor.readOnly.claimFirst');
  return t('quotes.editor.readOnly.closed', { status: t(`quotes.status.${quote.status}`).toLocaleLowerCase('nb') });
}

/** The quote editor: header and actions, priced lines, total, validity, message, Send; then the thread and the history. */
export function QuoteEditorView({ detail, staff, draft, now, rejected, onDraftChange, onSend, onComment, actions }: QuoteEditorViewProps) {
  const { t } = useTranslation();
  const { quote } = detail;
  const editable = isEditableBy(quote, staff.id) && draft.submitted === null;
  const evaluated = evaluateAnswer(detail, draft);
  const reason = readOnlyReason(quote, staff, t);
  const validUntil = evaluated.validityDays === null ? null : formatDate(new Date(now + evaluated.validityDays * 86_400_000).toISOString());
  const hasErrors = evaluated.args === null;

  return (
    <Box data-testid="quote-editor" data-editable={editable ? 'true' : 'false'} sx={{ display: 'flex', flexDirection: 'column', gap: 2, p: 2 }}>
      <QuoteHeader detail={detail} staff={staff} now={now} actions={actions} />
      {rejected && (
        <Alert severity="warning" data-testid="quote-draft-rejected">
          {t('quotes.editor.draftRejected')}
        </Alert>
      )}
      {reason !== null && (
        <Alert severity="info" data-testid="quote-read-only">
          {reason}
        </Alert>
      )}
      {quote.answeredAt !== null && (
        <Typography variant="body2" color="text.secondary">
          {t('quotes.editor.answeredAt', { time: formatDateTime(quote.answeredAt) })}
          {quote.validUntil !== null && ` · ${t('quotes.editor.validUntil', { date: formatDate(quote.validUntil) })}`}
        </Typography>
      )}
      {quote.declineReason !== null && <Alert severity="error">{t('quotes.editor.declineReason', { reason: quote.declineReason })}</Alert>}
      <QuoteLinesTable
        lines={detail.lines}
        draft={draft}
        evaluated={evaluated}
        editable={editable}
        onExtraDiscount={(lineId, value) => onDraftChange(setExtraDiscount(draft, lineId, value))}
        onOfferedPrice={(lineId, value) => onDraftChange(setOfferedPrice(draft, lineId, value))}
      />
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', alignItems: 'baseline', gap: 2 }}>
        <Typography variant="subtitle2" component="span">
          {t('quotes.editor.total')}
        </Typography>
        <Typography variant="h6" component="span" data-testid="quote-total" sx={{ fontVariantNumeric: 'tabular-nums' }}>
          {evaluated.totalOre === null ? '–' : formatNok(evaluated.totalOre)}
        </Typography>
      </Box>
      {evaluated.totalOre === null && (
        <Typography variant="caption" color="error" sx={{ textAlign: 'right', mt: -1.5 }}>
          {t('quotes.editor.totalUnknown')}
        </Typography>
      )}
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <TextField
          label={t('quotes.editor.validity')}
          value={draft.validityDays}
          disabled={!editable}
          onChange={(event) => onDraftChange({ ...draft, validityDays: event.target.value })}
          error={evaluated.validityError !== null}
          helperText={evaluated.validityError ? t(`quotes.editor.errors.${evaluated.validityError}`) : validUntil ? t('quotes.editor.validUntil', { date: validUntil }) : null}
          sx={{ width: 170 }}
          slotProps={{ htmlInput: { 'data-testid': 'quote-validity', inputMode: 'numeric' } }}
        />
        <TextField
          label={t('quotes.editor.message')}
          value={draft.message}
          disabled={!editable}
          multiline
          minRows={3}
          maxRows={10}
          onChange={(event) => onDraftChange({ ...draft, message: event.target.value })}
          error={evaluated.messageError !== null}
          helperText={
            evaluated.messageError ? t(`quotes.editor.errors.${evaluated.messageError}`) : t('quotes.editor.messageCount', { count: draft.message.length, max: messageMaxLength })
          }
          sx={{ flex: 1, minWidth: 260 }}
          slotProps={{ htmlInput: { 'data-testid': 'quote-message' } }}
        />
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, justifyContent: 'flex-end' }}>
        <Typography variant="caption" color={draft.submitted !== null ? 'pending' : 'text.secondary'} sx={{ flex: 1 }}>
          {draft.submitted !== null ? t('quotes.editor.sending') : editable ? (hasErrors ? t('quotes.editor.errors.fixFirst') : t('quotes.editor.draftSaved')) : null}
        </Typography>
        <Button variant="contained" disabled={!editable || hasErrors} onClick={onSend} data-testid="quote-send">
          {t('quotes.editor.send')}
        </Button>
      </Box>
      <Divider />
      <QuoteThread comments={detail.comments} onSend={onComment} />
      <Divider />
      <QuoteTimeline events={detail.events} />
    </Box>
  );
}
