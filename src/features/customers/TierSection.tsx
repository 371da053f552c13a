import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../../electron/shared/ipc/customers';
import { formatDateTime } from '../../app/format';
import { TierChip } from '../quotes/QuoteChips';
import { explainSuggestion, historyNewestFirst, tierName, type LoyaltyTier } from './customerModel';
import { Section } from './CustomerSections';

/** A tier's name in its colour, for running text and tables. */
export function TierText({ tier }: { tier: LoyaltyTier }) {
  const { t } = useTranslation();
  return (
    <Box component="span" data-tier={tier} sx={{ color: `tier.${tier}`, fontWeight: 600 }}>
      {tierName(t, tier)}
    </Box>
  );
}

/** The grey "pending" marker of a change made here that the server has not accepted yet. */
export function PendingChip({ label, hint, testId }: { label: string; hint: string; testId: string }) {
  return (
    <Tooltip title={hint}>
      <Chip size="small" variant="outlined" label={label} data-testid={testId} sx={{ color: 'pending', borderColor: 'pending', height: 20 }} />
    </Tooltip>
  );
}

/** Props of the tier section. */
export interface TierSectionProps {
  detail: CustomerDetail;
  /** Whether the signed-in staff member may change this customer's tier (the shared policy). */
  mayChange: boolean;
  /** Opens the change dialog, with a tier chosen in advance ("use the suggestion") or none. */
  onChange: (prefill: LoyaltyTier | null) => void;
}

/**
 * The loyalty tier: the current one, the suggestion from the last 12 months with its reasons
 * (advice only: applying it takes the dialog, a reason and a click), the change action for
 * those allowed, and the history newest first with pending changes marked.
 */
export function TierSection({ detail, mayChange, onChange }: TierSectionProps) {
  const { t, i18n } = useTranslation();
  const { customer, tierSuggestion: suggestion } = detail;
  const differs = suggestion.tier !== customer.loyaltyTier;
  const history = historyNewestFirst(detail.tierHistory);
  const changeButton = mayChange ? (
    <Button variant="contained" size="small" onClick={() => onChange(null)} data-testid="tier-change-open">
      {t('customers.tierSection.change')}
    </Button>
  ) : null;

  return (
    <Section title={t('customers.tierSection.title')} testId="customer-tier-section" action={changeButton}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'stretch', mb: 2 }}>
        <Box sx={{ minWidth: 140 }}>
          <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 0.5 }}>
            {t('customers.tierSection.current')}
          </Typography>
          <TierChip tier={customer.loyaltyTier} />
        </Box>
        <Box
          data-testid="tier-suggestion"
          data-suggested-tier={suggestion.tier}
          data-differs={differs}
          sx={{ flex: 1, minWidth: 260, p: 1.5, border: 1, borderRadius: 1, borderColor: differs ? `tier.${suggestion.tier}` : 'divider', borderStyle: differs ? 'solid' : 'dashed' }}
        >
          <Typography variant="caption" color="text.secondary" component="div">
            {t('customers.tierSection.suggestion')}
          </Typography>
          <Typography variant="body1" sx={{ my: 0.5 }} data-testid="tier-suggestion-explanation">
            {explainSuggestion(t, i18n.language, suggestion)}
          </Typography>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
            <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
              {differs ? t('customers.tierSection.suggestionDiffers') : t('customers.tierSection.suggestionSame')}
            </Typography>
            {differs && mayChange && (
              <Button size="small" variant="outlined" onClick={() => onChange(suggestion.tier)} data-testid="tier-suggestion-use">
                {t('customers.tierSection.useSuggestion')}
              </Button>
            )}
          </Box>
        </Box>
      </Box>
      {!mayChange && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }} data-testid="tier-change-not-allowed">
          {t('customers.tierSection.notAllowed', { branch: customer.branchName })}
        </Typography>
      )}
      <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
        {t('customers.tierSection.history')}
      </Typography>
      <Box data-testid="tier-history">
        {history.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {t('customers.tierSection.historyEmpty')}
          </Typography>
        ) : (
          <Table size="small" aria-label={t('customers.tierSection.history')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('customers.tierSection.at')}</TableCell>
                <TableCell>{t('customers.tierSection.by')}</TableCell>
                <TableCell>{t('customers.tierSection.changeColumn')}</TableCell>
                <TableCell>{t('customers.tierSection.reason')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {history.map((change) => (
                <TableRow key={change.id} data-testid="tier-history-row" data-pending={change.pending} data-from-tier={change.fromTier} data-to-tier={change.toTier}>
                  <TableCell sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                    {formatDateTime(change.at)}{' '}
                    {change.pending && <PendingChip label={t('customers.tierSection.pending')} hint={t('customers.tierSection.pendingHint')} testId="tier-history-pending" />}
                  </TableCell>
                  <TableCell>{change.changedByName}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <TierText tier={change.fromTier} /> → <TierText tier={change.toTier} />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{change.reason}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
    </Section>
  );
}
