import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../app/format';
import { useCoreRead } from '../../app/useCoreRead';

const figures = [
  { key: 'openQuotes', tone: 'text.primary' },
  { key: 'unclaimed', tone: 'text.primary' },
  { key: 'dueWithin4h', tone: 'warning.main' },
  { key: 'breached', tone: 'error.main' },
  { key: 'newMessages', tone: 'text.primary' },
] as const;

/** The overview's live figures, read from the cache and refreshed when quotes or messages change. */
export function HomeFigures() {
  const { t } = useTranslation();
  // Every minute too: "due within 4 h" and "breached" change with the clock alone.
  const summary = useCoreRead('home.getSummary', {}, ['quotes', 'contact_messages'], 60_000).value ?? null;
  return (
    <Box component="section" aria-labelledby="home-figures-title" sx={{ mb: 3 }}>
      <Typography id="home-figures-title" variant="overline" component="h2" color="text.secondary">
        {t('pages.home.figuresTitle')}
      </Typography>
      {summary === null ? (
        <Typography color="text.secondary" data-testid="home-figures-loading">
          {t('pages.home.figuresLoading')}
        </Typography>
      ) : (
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 1.5 }}>
          {figures.map(({ key, tone }) => (
            <Paper key={key} variant="outlined" sx={{ p: 1.75 }}>
              <Typography variant="h4" component="p" sx={{ color: summary[key] > 0 ? tone : 'text.secondary', fontVariantNumeric: 'tabular-nums' }} data-testid={`home-${key}`}>
                {formatCount(summary[key])}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {t(`pages.home.${key}`)}
              </Typography>
            </Paper>
          ))}
        </Box>
      )}
    </Box>
  );
}
