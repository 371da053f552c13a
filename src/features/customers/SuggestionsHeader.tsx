import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { formatNokShort } from '../../../electron/shared/domain/loyalty';
import type { TierSuggestionList } from '../../../electron/shared/ipc/customers';
import { formatCount } from '../../app/format';

/** Above the tier suggestions list: what it is (advice, never applied by itself) and the thresholds in force. */
export function SuggestionsHeader({ list }: { list: TierSuggestionList | null }) {
  const { t } = useTranslation();
  const thresholds = list?.thresholds;
  return (
    <Box sx={{ px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }} data-testid="tier-suggestions-header">
      <Typography variant="body2">{t('customers.suggestions.lead')}</Typography>
      {thresholds && (
        <Typography variant="caption" color="text.secondary" data-testid="tier-suggestions-thresholds">
          {t('customers.suggestions.thresholds', {
            goldOrders: formatCount(thresholds.gold.minOrders),
            goldValue: formatNokShort(thresholds.gold.minValueOre),
            platinumOrders: formatCount(thresholds.platinum.minOrders),
            platinumValue: formatNokShort(thresholds.platinum.minValueOre),
          })}
        </Typography>
      )}
    </Box>
  );
}
