import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizeQuoteCommentBody } from '../../../electron/shared/domain/quotes';
import type { QuoteDetail } from '../../../electron/shared/ipc/quotes';
import { formatDateTime } from '../../app/format';

/** Props of the comment thread. */
export interface QuoteThreadProps {
  comments: QuoteDetail['comments'];
  /** Queues the comment; resolves true when it was queued (the box is then emptied). */
  onSend: (body: string) => Promise<boolean>;
}

/** The quote's comments, oldest first (customer left, staff right), and a box to answer (Ctrl+Enter sends). */
export function QuoteThread({ comments, onSend }: QuoteThreadProps) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const ordered = [...comments].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));

  function send(): void {
    const normalized = normalizeQuoteCommentBody(body);
    if (normalized === null) {
      setError(body.trim() === '' ? t('quotes.thread.errorEmpty') : t('quotes.thread.errorInvalid'));
      return;
    }
    setError(null);
    setSending(true);
    void onSend(normalized).then((queued) => {
      setSending(false);
      if (queued) setBody('');
    });
  }

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.stopPropagation();
      send();
    }
  }

  return (
    <Box component="section" aria-labelledby="quote-thread-title" data-testid="quote-thread">
      <Typography id="quote-thread-title" variant="overline" component="h3" color="text.secondary">
        {t('quotes.thread.title')}
      </Typography>
      {ordered.length === 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('quotes.thread.empty')}
        </Typography>
      )}
      <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 1 }}>
        {ordered.map((comment) => {
          const staff = comment.authorKind === 'staff';
          return (
            <Box
              component="li"
              key={comment.id}
              data-testid="quote-comment"
              data-author={comment.authorKind}
              data-pending={comment.pending ? 'true' : undefined}
              sx={{
                alignSelf: staff ? 'flex-end' : 'flex-start',
                maxWidth: '85%',
                px: 1.5,
                py: 1,
                borderRadius: 1.5,
                border: 1,
                borderColor: staff ? 'primary.main' : 'divider',
                bgcolor: staff ? 'action.selected' : 'background.default',
                opacity: comment.pending ? 0.75 : 1,
              }}
            >
              <Typography variant="caption" color="text.secondary" component="p">
                <Box component="span" sx={{ fontWeight: 600, color: 'text.primary' }}>
                  {comment.authorName}
                </Box>{' '}
                · {staff ? t('quotes.thread.staff') : t('quotes.thread.customer')} · {formatDateTime(comment.createdAt)}
                {comment.pending && (
                  <Box component="span" sx={{ color: 'pending', ml: 0.5 }}>
                    · {t('quotes.thread.pending')}
                  </Box>
                )}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {comment.body}
              </Typography>
            </Box>
          );
        })}
      </Box>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', mt: 1.5 }}>
        <TextField
          fullWidth
          multiline
          minRows={2}
          maxRows={8}
          label={t('quotes.thread.label')}
          placeholder={t('quotes.thread.placeholder')}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          onKeyDown={handleKeyDown}
          error={error !== null}
          helperText={error ?? t('quotes.thread.sendHint')}
          slotProps={{ htmlInput: { 'data-testid': 'quote-comment-input', 'aria-keyshortcuts': 'Control+Enter' } }}
        />
        <Button variant="outlined" onClick={send} disabled={sending} data-testid="quote-comment-send" title={t('quotes.thread.sendHint')} sx={{ mt: 0.5 }}>
          {t('quotes.thread.send')}
        </Button>
      </Box>
    </Box>
  );
}
