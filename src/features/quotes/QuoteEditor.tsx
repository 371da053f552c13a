import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import type { Notify } from '../../components/PageToast';
import { useTranslation } from 'react-i18next';
import type { QuoteDetail } from '../../../electron/shared/ipc/quotes';
import type { KeyValueStore } from '../../app/storage';
import { evaluateAnswer } from './answerForm';
import { clearDraft, draftFor, readDraft, reconcileDraft, writeDraft, type QuoteDraft } from './draftStore';
import { newCommentId, submitQuoteAction, type SubmitResult } from './quoteActions';
import { QuoteEditorView } from './QuoteEditorView';
import { quoteTables, type SessionStaff } from './quoteModel';
import { useNow } from './sla';
import { useCoreRead } from '../../app/useCoreRead';


/** Props of the editor panel. */
export interface QuoteEditorProps {
  quoteId: string;
  staff: SessionStaff;
  store: KeyValueStore | null;
  notify: Notify;
  onClose: () => void;
}

/**
 * The selected quote, read live from the cache, with its answer draft: the draft is stored per
 * quote on every edit and kept after Send until the server's verdict shows in the quote (cleared
 * when answered, editable again when refused). Opening a quote with unread customer comments
 * marks them read.
 */
export function QuoteEditor({ quoteId, staff, store, notify, onClose }: QuoteEditorProps) {
  const { t } = useTranslation();
  const read = useCoreRead('quotes.get', { quoteId }, quoteTables);
  const detail: QuoteDetail | null | undefined = read.stale ? undefined : read.value;
  const now = useNow();
  const [stored, setStored] = useState<QuoteDraft | null>(() => readDraft(store, quoteId));
  const [rejected, setRejected] = useState(false);
  // The quote as read when Send was pressed: the verdict can only be in a later read.
  const detailAtSubmit = useRef<QuoteDetail | null>(null);
  const markedRead = useRef(false);

  useEffect(() => {
    if (!detail || detail === detailAtSubmit.current) return;
    const outcome = reconcileDraft(stored, detail.quote);
    if (outcome === 'clear') {
      clearDraft(store, quoteId);
      setStored(null);
      setRejected(false);
    } else if (outcome === 'reopen' && stored) {
      const reopened = { ...stored, submitted: null };
      writeDraft(store, quoteId, reopened);
      setStored(reopened);
      setRejected(true);
    }
  }, [detail, stored, store, quoteId]);

  useEffect(() => {
    if (!detail || markedRead.current || detail.quote.unreadComments === 0) return;
    markedRead.current = true;
    void submitQuoteAction('quote.markRead', { quoteId });
  }, [detail, quoteId]);

  function report(result: SubmitResult, success: string | null): boolean {
    if (!result.ok) notify(t('quotes.submitFailed', { code: result.code }), 'error');
    else if (success !== null) notify(success, 'success');
    return result.ok;
  }

  if (detail === undefined || detail === null) {
    return (
      <Box sx={{ p: 3, display: 'flex', alignItems: 'center', gap: 1.5 }} data-testid="quote-editor-loading">
        {detail === undefined && <CircularProgress size={18} />}
        <Typography color="text.secondary">{detail === undefined ? t('quotes.editor.loading') : t('quotes.editor.notFound')}</Typography>
      </Box>
    );
  }

  const draft = draftFor(detail, stored);
  const loaded = detail;

  function change(next: QuoteDraft): void {
    setStored(next);
    setRejected(false);
    writeDraft(store, quoteId, next);
  }

  async function send(): Promise<void> {
    const args = evaluateAnswer(loaded, draft).args;
    if (args === null) return;
    const submitted: QuoteDraft = { ...draft, submitted: { answeredAtBefore: loaded.quote.answeredAt } };
    writeDraft(store, quoteId, submitted);
    detailAtSubmit.current = loaded;
    setStored(submitted);
    const result = await submitQuoteAction('quote.answer', args);
    if (!report(result, t('quotes.editor.sent'))) change({ ...draft, submitted: null });
  }

  return (
    <QuoteEditorView
      detail={detail}
      staff={staff}
      draft={draft}
      now={now}
      rejected={rejected}
      onDraftChange={change}
      onSend={() => void send()}
      onComment={async (body) => report(await submitQuoteAction('quote.comment', { quoteId, commentId: newCommentId(), body }), null)}
      actions={{
        onClose,
        onClaim: () => void submitQuoteAction('quote.claim', { quoteId }).then((result) => report(result, t('quotes.claimed', { number: loaded.quote.quoteNumber }))),
        onRelease: () => void submitQuoteAction('quote.release', { quoteId }).then((result) => report(result, t('quotes.editor.released'))),
        onDecline: (reason) => void submitQuoteAction('quote.decline', { quoteId, reason }).then((result) => report(result, t('quotes.decline.done'))),
        onReassign: (assignee) =>
          void submitQuoteAction('quote.reassign', { quoteId, assigneeId: assignee.id }).then((result) => report(result, t('quotes.editor.reassigned', { name: assignee.name }))),
      }}
    />
  );
}

export type { Notify } from '../../components/PageToast';
