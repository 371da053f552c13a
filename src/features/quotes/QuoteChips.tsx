import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import type { LoyaltyTier, QuoteStatus } from './quoteModel';
import { slaCountdown, slaDetail, slaText } from './sla';

/** The customer's loyalty tier as a chip in the tier's colour. */
export function TierChip({ tier }: { tier: LoyaltyTier }) {
  const { t } = useTranslation();
  return (
    <Chip
      label={t(`quotes.tier.${tier}`)}
      variant="outlined"
      data-testid="quote-tier"
      data-tier={tier}
      sx={{ color: `tier.${tier}`, borderColor: `tier.${tier}`, fontWeight: 600 }}
    />
  );
}

/** The quote's status in words. */
export function StatusChip({ status }: { status: QuoteStatus }) {
  const { t } = useTranslation();
  return <Chip label={t(`quotes.status.${status}`)} data-testid="quote-status" data-status={status} />;
}

const toneColor = { ok: 'text.primary', amber: 'sla.amber', red: 'sla.red', closed: 'text.secondary' } as const;

/** Time left of the 24-hour promise: amber under 4 h, red "Overskredet" once breached, nothing when closed. */
export function SlaBadge({ dueAt, status, now }: { dueAt: string; status: QuoteStatus; now: number }) {
  const { t } = useTranslation();
  const countdown = slaCountdown(dueAt, status, now);
  if (countdown.tone === 'closed') return null;
  return (
    <Tooltip title={slaDetail(countdown, t) || t('quotes.sla.dueAt', { time: formatDateTime(dueAt) })}>
      <Box
        component="span"
        data-testid="quote-sla"
        data-tone={countdown.tone}
        sx={{ color: toneColor[countdown.tone], fontWeight: countdown.tone === 'ok' ? 500 : 700, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
      >
        {t('quotes.columns.sla')}: {slaText(countdown, t)}
      </Box>
    </Tooltip>
  );
}
