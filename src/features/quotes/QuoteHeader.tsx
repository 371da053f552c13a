import Close from '@mui/icons-material/Close';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decideClaim, decideRelease } from '../../../electron/shared/domain/quotes';
import type { QuoteDetail } from '../../../electron/shared/ipc/quotes';
import { formatDateTime } from '../../app/format';
import { DeclineDialog } from './DeclineDialog';
import { SlaBadge, StatusChip, TierChip } from './QuoteChips';
import { isAwaitingAnswer, type SessionStaff } from './quoteModel';
import { ReassignMenu } from './ReassignMenu';

/** The editor's actions on the quote as a whole. */
export interface QuoteHeaderActions {
  onClaim: () => void;
  onRelease: () => void;
  onDecline: (reason: string) => void;
  onReassign: (assignee: { id: string; name: string }) => void;
  onClose: () => void;
}

/** What the signed-in staff member may do to the quote now, by the shared claim/release rules. */
export function quotePermissions(quote: QuoteDetail['quote'], staff: SessionStaff) {
  const isAdmin = staff.role === 'admin';
  const state = { status: quote.status, assignee_id: quote.assigneeId, answered_at: quote.answeredAt };
  const open = isAwaitingAnswer(quote.status);
  return {
    canClaim: decideClaim(state, staff.id).outcome === 'claim',
    canRelease: decideRelease(state, staff.id, isAdmin).outcome === 'release',
    canDecline: open && (isAdmin || quote.assigneeId === null || quote.assigneeId === staff.id),
    canReassign: isAdmin && open,
    isAdmin,
  };
}

/** Number, customer and tier, status, assignee and due countdown, with Claim / Release / Decline / Reassign. */
export function QuoteHeader({ detail, staff, now, actions }: { detail: QuoteDetail; staff: SessionStaff; now: number; actions: QuoteHeaderActions }) {
  const { t } = useTranslation();
  const { quote } = detail;
  const may = quotePermissions(quote, staff);
  const [declining, setDeclining] = useState(false);
  return (
    <Box component="header" sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography variant="h6" component="h2" data-testid="quote-number" sx={{ fontVariantNumeric: 'tabular-nums' }}>
          {quote.quoteNumber}
        </Typography>
        <StatusChip status={quote.status} />
        {quote.pending && (
          <Typography variant="caption" sx={{ color: 'pending' }} data-testid="quote-pending">
            {t('quotes.pending')}
          </Typography>
        )}
        <Box sx={{ flex: 1 }} />
        <SlaBadge dueAt={quote.dueAt} status={quote.status} now={now} />
        <Tooltip title={t('quotes.editor.close')}>
          <IconButton onClick={actions.onClose} aria-label={t('quotes.editor.close')} aria-keyshortcuts="Escape" data-testid="quote-editor-close">
            <Close fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="p" sx={{ fontWeight: 600 }}>
          {quote.customerName}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {quote.customerNumber}
        </Typography>
        <TierChip tier={quote.loyaltyTier} />
      </Box>
      <Typography variant="body2" color="text.secondary">
        {[
          t('quotes.editor.requestedAt', { time: formatDateTime(quote.requestedAt) }),
          t('quotes.editor.assignee', { name: quote.assigneeName ?? t('quotes.unassigned') }),
          t('quotes.editor.branch', { name: quote.branchName }),
          quote.projectListName ? t('quotes.editor.projectList', { name: quote.projectListName }) : null,
        ]
          .filter((part): part is string => part !== null)
          .join(' · ')}
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
        {may.canClaim && (
          <Tooltip title={t('quotes.claimHint')}>
            <Button variant="contained" onClick={actions.onClaim} aria-keyshortcuts="T" data-testid="quote-editor-claim">
              {t('quotes.editor.claim')}
            </Button>
          </Tooltip>
        )}
        <Tooltip title={t('quotes.editor.releaseHint')}>
          <span>
            <Button variant="outlined" disabled={!may.canRelease} onClick={actions.onRelease} data-testid="quote-release">
              {t('quotes.editor.release')}
            </Button>
          </span>
        </Tooltip>
        <Button variant="outlined" color="error" disabled={!may.canDecline} onClick={() => setDeclining(true)} data-testid="quote-decline">
          {t('quotes.editor.decline')}
        </Button>
        {may.isAdmin && <ReassignMenu branchId={quote.branchId} currentAssigneeId={quote.assigneeId} disabled={!may.canReassign} onReassign={actions.onReassign} />}
      </Box>
      <DeclineDialog
        open={declining}
        onCancel={() => setDeclining(false)}
        onConfirm={(reason) => {
          setDeclining(false);
          actions.onDecline(reason);
        }}
      />
    </Box>
  );
}
