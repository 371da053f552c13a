import ArrowForward from '@mui/icons-material/ArrowForward';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '../../components/PlaceholderPage';
import { viewIcons } from '../../app/viewIcons';
import { ariaShortcut, shortcutDigit, workflowIds, type ViewId } from '../../app/views';
import { HomeFigures } from './HomeFigures';
import { HomeQuoteDashboard } from './HomeQuoteDashboard';

/** Props of the overview page. */
export interface HomePageProps {
  onNavigate: (view: ViewId) => void;
}

/** The overview (Oversikt): a card per workflow to jump into, and what is planned here. */
export function HomePage({ onNavigate }: HomePageProps) {
  const { t } = useTranslation();

  return (
    <PlaceholderPage view="home">
      <HomeFigures />
      <HomeQuoteDashboard onOpenQueue={() => onNavigate('quotes')} />
      <Typography variant="overline" component="h2" color="text.secondary">
        {t('shell.workflows')}
      </Typography>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))',
          gap: 1.5,
          mb: 3,
        }}
      >
        {workflowIds.map((view) => {
          const Icon = viewIcons[view];
          return (
            <Paper key={view} variant="outlined" sx={{ display: 'flex', '&:hover': { borderColor: 'primary.main' } }}>
              <ButtonBase
                onClick={() => onNavigate(view)}
                aria-keyshortcuts={ariaShortcut(view)}
                data-testid={`home-open-${view}`}
                sx={{
                  flex: 1,
                  display: 'flex',
                  flexDirection: 'column',
                  alignItems: 'stretch',
                  textAlign: 'left',
                  p: 1.75,
                  gap: 0.75,
                  borderRadius: 'inherit',
                }}
              >
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                  <Icon fontSize="small" sx={{ color: 'primary.main' }} />
                  <Typography variant="subtitle2" component="span" sx={{ flexGrow: 1 }}>
                    {t(`nav.${view}`)}
                  </Typography>
                  <Typography variant="caption" color="text.disabled" aria-hidden>
                    {t('shell.shortcutKeys', { digit: shortcutDigit(view) })}
                  </Typography>
                </Box>
                <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }}>
                  {t(`pages.${view}.summary`)}
                </Typography>
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, color: 'primary.main', fontSize: 12, fontWeight: 600 }}>
                  {t('pages.open')}
                  <ArrowForward sx={{ fontSize: 14 }} />
                </Box>
              </ButtonBase>
            </Paper>
          );
        })}
      </Box>
    </PlaceholderPage>
  );
}
