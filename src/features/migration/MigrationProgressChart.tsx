import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { MigrationOverview } from '../../../electron/shared/ipc/customers';
import { formatCount, formatDate, formatDayMonth } from '../../app/format';
import { CHART, chartGeometry } from './progressChartModel';

/** Colours by meaning, from the theme's variables, so light and dark both read. */
const tone = { moved: 'primary.main', planned: 'text.secondary', today: 'secondary.main', grid: 'divider', label: 'text.secondary' } as const;

const legend = [
  { key: 'moved', dashed: false },
  { key: 'planned', dashed: true },
  { key: 'today', dashed: true },
] as const;

function LegendLine({ color, dashed }: { color: string; dashed?: boolean }) {
  return (
    <Box component="svg" viewBox="0 0 24 8" aria-hidden="true" sx={{ width: 24, height: 8, color, flex: 'none' }}>
      <line x1={0} y1={4} x2={24} y2={4} stroke="currentColor" strokeWidth={2} strokeDasharray={dashed ? '4 3' : undefined} />
    </Box>
  );
}

/**
 * Moved customers per week against the plan's straight line over the planned period (plain SVG):
 * axes with labels, a legend, a "today" marker, and the same facts as a sentence for screen readers.
 */
export function MigrationProgressChart({ overview, today }: { overview: MigrationOverview; today: string }) {
  const { t } = useTranslation();
  const chart = chartGeometry(overview.progress, overview.plan, overview.total, today);
  const bottom = CHART.height - CHART.bottom;
  const right = CHART.width - CHART.right;
  const period = { start: formatDate(overview.plan.start), end: formatDate(overview.plan.end) };
  const summary =
    chart.latest === null
      ? t('migration.chart.summaryNoData', period)
      : t('migration.chart.summary', {
          moved: formatCount(chart.latest.moved),
          total: formatCount(overview.total),
          date: formatDate(chart.latest.date),
          planned: formatCount(chart.latest.planned),
          ...period,
        });
  const line = (points: readonly { x: number; y: number }[]): string => points.map((point) => `${point.x},${point.y}`).join(' ');

  return (
    <Box component="figure" sx={{ m: 0 }} aria-labelledby="migration-chart-title">
      <Typography id="migration-chart-title" variant="subtitle2" component="h2" sx={{ mb: 0.5 }}>
        {t('migration.chart.title')}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        {t('migration.chart.period', period)}
      </Typography>
      <Box
        component="svg"
        role="img"
        aria-labelledby="migration-chart-svg-title migration-chart-svg-desc"
        viewBox={`0 0 ${CHART.width} ${CHART.height}`}
        data-testid="migration-progress-chart"
        data-y-max={chart.yMax}
        sx={{ width: '100%', maxWidth: 720, height: 'auto', display: 'block', fontFamily: (theme) => theme.typography.fontFamily, '& text': { fill: 'currentColor', fontSize: 11 } }}
      >
        <title id="migration-chart-svg-title">{t('migration.chart.title')}</title>
        <desc id="migration-chart-svg-desc">{summary}</desc>
        <Box component="g" sx={{ color: tone.grid }}>
          {chart.yTicks.map((tick) => (
            <line key={tick.value} x1={CHART.left} x2={right} y1={tick.y} y2={tick.y} stroke="currentColor" strokeWidth={1} />
          ))}
        </Box>
        <Box component="g" sx={{ color: tone.label }} aria-hidden="true">
          {chart.yTicks.map((tick) => (
            <text key={tick.value} x={CHART.left - 6} y={tick.y + 4} textAnchor="end" data-testid="migration-chart-y-tick">
              {formatCount(tick.value)}
            </text>
          ))}
          {chart.xTicks.map((tick) => (
            <text key={tick.date} x={tick.x} y={bottom + 16} textAnchor="middle" data-testid="migration-chart-x-tick">
              {formatDayMonth(tick.date)}
            </text>
          ))}
          <text x={12} y={CHART.top + (bottom - CHART.top) / 2} textAnchor="middle" transform={`rotate(-90 12 ${CHART.top + (bottom - CHART.top) / 2})`}>
            {t('migration.chart.axisCustomers')}
          </text>
          <text x={CHART.left + (right - CHART.left) / 2} y={CHART.height - 4} textAnchor="middle">
            {t('migration.chart.axisWeek')}
          </text>
          <line x1={CHART.left} x2={right} y1={bottom} y2={bottom} stroke="currentColor" strokeWidth={1} />
        </Box>
        {chart.today !== null && (
          <Box component="g" sx={{ color: tone.today }} data-testid="migration-chart-today" data-date={chart.today.date}>
            <line x1={chart.today.x} x2={chart.today.x} y1={CHART.top} y2={bottom} stroke="currentColor" strokeWidth={1.5} strokeDasharray="2 3" />
            {/* Right of the line, or left of it near the right edge, so the label is never cut off. */}
            <text x={chart.today.x > CHART.width - CHART.right - 40 ? chart.today.x - 4 : chart.today.x + 4} y={CHART.top + 10} textAnchor={chart.today.x > CHART.width - CHART.right - 40 ? 'end' : 'start'}>
              {t('migration.chart.today')}
            </text>
          </Box>
        )}
        <Box component="g" sx={{ color: tone.planned }}>
          <polyline points={line(chart.planned)} fill="none" stroke="currentColor" strokeWidth={2} strokeDasharray="6 4" />
          {chart.planned.map((point) => (
            <circle key={point.date} cx={point.x} cy={point.y} r={2} fill="currentColor" data-testid="migration-chart-planned" data-date={point.date} data-planned={point.planned}>
              <title>{t('migration.chart.plannedPoint', { date: formatDate(point.date), planned: formatCount(point.planned) })}</title>
            </circle>
          ))}
        </Box>
        <Box component="g" sx={{ color: tone.moved }}>
          <polyline points={line(chart.moved)} fill="none" stroke="currentColor" strokeWidth={2.5} />
          {chart.moved.map((point) => (
            <circle key={point.date} cx={point.x} cy={point.y} r={3.5} fill="currentColor" data-testid="migration-chart-point" data-date={point.date} data-moved={point.moved}>
              <title>{t('migration.chart.point', { date: formatDate(point.date), moved: formatCount(point.moved), planned: formatCount(point.planned) })}</title>
            </circle>
          ))}
        </Box>
      </Box>
      <Box component="ul" aria-hidden="true" sx={{ display: 'flex', gap: 2, listStyle: 'none', p: 0, m: 0, mt: 0.5 }} data-testid="migration-chart-legend">
        {legend
          .filter((item) => item.key !== 'today' || chart.today !== null)
          .map((item) => (
            <Box component="li" key={item.key} sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}>
              <LegendLine color={tone[item.key]} dashed={item.dashed} />
              <Typography variant="caption">{t(`migration.chart.${item.key}`)}</Typography>
            </Box>
          ))}
      </Box>
      <Typography component="figcaption" variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid="migration-progress-summary">
        {summary}
      </Typography>
    </Box>
  );
}
