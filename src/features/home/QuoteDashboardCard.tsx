import ArrowForward from '@mui/icons-material/ArrowForward';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { QuoteDashboard } from '../../../electron/shared/ipc/quotes';
import { formatCount, formatDayMonth } from '../../app/format';
import { durationText } from '../quotes/sla';

/** The median answer time in words, or "Ingen svar" when nothing was answered. */
export function medianText(minutes: number | null, t: TFunction): string {
  return minutes === null ? t('quotes.dashboard.noAnswers') : durationText(minutes * 60_000, t);
}

const figures = [
  { key: 'openRequests', tone: 'text.primary' },
  { key: 'dueWithin4h', tone: 'sla.amber' },
  { key: 'breachedToday', tone: 'sla.red' },
] as const;

const chartWidth = 7 * 28;
const chartHeight = 56;

/** Seven bars, answered quotes per day (oldest first), each with its day's median in the tooltip. */
function AnsweredChart({ days }: { days: QuoteDashboard['days'] }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...days.map((day) => day.answered));
  return (
    <Box component="figure" sx={{ m: 0 }}>
      <Box
        component="svg"
        role="img"
        aria-label={t('quotes.dashboard.chartTitle')}
        viewBox={`0 0 ${chartWidth} ${chartHeight + 14}`}
        data-testid="quote-dashboard-chart"
        sx={{ width: '100%', maxWidth: 280, height: 'auto', display: 'block', color: 'primary.main', '& text': { fill: 'currentColor', fontSize: 9 } }}
      >
        {days.map((day, index) => {
          const height = day.answered === 0 ? 1 : Math.max(2, Math.round((day.answered / max) * chartHeight));
          const label = t('quotes.dashboard.chartDay', { date: formatDayMonth(day.date), count: day.answered, median: medianText(day.medianAnswerMinutes, t) });
          return (
            <g key={day.date} data-date={day.date} data-answered={day.answered}>
              <title>{label}</title>
              <rect x={index * 28 + 4} y={chartHeight - height} width={20} height={height} rx={2} fill="currentColor" opacity={day.answered === 0 ? 0.3 : 0.85} />
              <Box component="text" x={index * 28 + 14} y={chartHeight + 11} textAnchor="middle" sx={{ color: 'text.secondary' }}>
                {formatDayMonth(day.date)}
              </Box>
            </g>
          );
        })}
      </Box>
      <Typography component="figcaption" variant="caption" color="text.secondary">
        {t('quotes.dashboard.chartTitle')}
      </Typography>
    </Box>
  );
}

/** Props of the home screen's quote card. */
export interface QuoteDashboardCardProps {
  /** Undefined while loading; null when the core has no data yet. */
  dashboard: QuoteDashboard | null | undefined;
  onOpenQueue?: () => void;
}

/** The home screen's quote card: open requests, due within 4 h, breached today, median answer time, and a 7-day chart. */
export function QuoteDashboardCard({ dashboard, onOpenQueue }: QuoteDashboardCardProps) {
  const { t } = useTranslation();
  return (
    <Paper component="section" variant="outlined" aria-labelledby="quote-dashboard-title" data-testid="quote-dashboard" sx={{ p: 2, mb: 3 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 1.5 }}>
        <Typography id="quote-dashboard-title" variant="subtitle2" component="h2" sx={{ flex: 1 }}>
          {t('quotes.dashboard.title')}
        </Typography>
        {onOpenQueue && (
          <Button size="small" endIcon={<ArrowForward sx={{ fontSize: 14 }} />} onClick={onOpenQueue} data-testid="quote-dashboard-open">
            {t('quotes.dashboard.open')}
          </Button>
        )}
      </Box>
      {!dashboard ? (
        <Typography color="text.secondary" data-testid="quote-dashboard-loading">
          {t('quotes.dashboard.loading')}
        </Typography>
      ) : (
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', gap: 2, alignItems: 'end' }}>
          {figures.map(({ key, tone }) => (
            <Box key={key}>
              <Typography variant="h4" component="p" data-testid={`quote-dashboard-${key}`} sx={{ color: dashboard[key] > 0 ? tone : 'text.secondary', fontVariantNumeric: 'tabular-nums' }}>
                {formatCount(dashboard[key])}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {t(`quotes.dashboard.${key}`)}
              </Typography>
            </Box>
          ))}
          <Box>
            <Typography variant="h4" component="p" data-testid="quote-dashboard-medianAnswer" sx={{ fontVariantNumeric: 'tabular-nums' }}>
              {medianText(dashboard.medianAnswerMinutes7d, t)}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {t('quotes.dashboard.medianAnswer')}
            </Typography>
          </Box>
          <AnsweredChart days={dashboard.days} />
        </Box>
      )}
    </Paper>
  );
}
