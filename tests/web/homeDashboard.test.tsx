import { ThemeProvider } from '@mui/material/styles';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { QuoteDashboard } from '../../electron/shared/ipc/quotes';
import { quoteDashboardSchema } from '../../electron/shared/ipc/quotes';
import { createI18n } from '../../src/app/i18n';
import type { KeyValueStore } from '../../src/app/storage';
import { theme } from '../../src/app/theme';
import { QuoteDashboardCard } from '../../src/features/home/QuoteDashboardCard';

// The home screen's quote card rendered to markup: the four figures and the 7-day chart.

const dashboard: QuoteDashboard = {
  openRequests: 1_234,
  dueWithin4h: 7,
  breachedToday: 0,
  medianAnswerMinutes7d: 222,
  days: [
    { date: '2026-11-15', answered: 12, medianAnswerMinutes: 300 },
    { date: '2026-11-16', answered: 0, medianAnswerMinutes: null },
    { date: '2026-11-17', answered: 30, medianAnswerMinutes: 180 },
    { date: '2026-11-18', answered: 24, medianAnswerMinutes: 200 },
    { date: '2026-11-19', answered: 18, medianAnswerMinutes: 45 },
    { date: '2026-11-20', answered: 21, medianAnswerMinutes: 250 },
    { date: '2026-11-21', answered: 6, medianAnswerMinutes: 90 },
  ],
  asOf: '2026-11-21T10:00:00.000Z',
};

function render(element: ReactElement, language = 'nb'): string {
  const store: KeyValueStore = { getItem: (key) => (key === 'lysdesk.language' ? language : null), setItem: () => undefined };
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(store)}>
      <ThemeProvider theme={theme}>{element}</ThemeProvider>
    </I18nextProvider>,
  ).replace(/<style[^>]*>[\s\S]*?<\/style>/g, '');
}

/** The text of the first element with `testId` that holds text directly. */
function figure(html: string, testId: string): string {
  const found = new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`).exec(html);
  if (found === null) throw new Error(`no element with data-testid="${testId}"`);
  return found[1] ?? '';
}

describe('the quote dashboard card', () => {
  it('uses a fixture the contract accepts', () => {
    expect(quoteDashboardSchema.safeParse(dashboard).success).toBe(true);
  });

  it('shows the four figures, counts in Norwegian format', () => {
    const html = render(<QuoteDashboardCard dashboard={dashboard} onOpenQueue={() => undefined} />);
    expect(html).toContain('data-testid="quote-dashboard"');
    expect(figure(html, 'quote-dashboard-openRequests')).toBe('1\u00a0234');
    expect(figure(html, 'quote-dashboard-dueWithin4h')).toBe('7');
    expect(figure(html, 'quote-dashboard-breachedToday')).toBe('0');
    expect(figure(html, 'quote-dashboard-medianAnswer')).toBe('3 t 42 min');
    expect(html).toContain('Åpne forespørsler');
    expect(html).toContain('Median svartid, 7 dager');
    expect(html).toContain('data-testid="quote-dashboard-open"');
  });

  it('draws seven bars, the tallest for the busiest day, each with its median', () => {
    const html = render(<QuoteDashboardCard dashboard={dashboard} />);
    expect(html).toContain('data-testid="quote-dashboard-chart"');
    const bars = [...html.matchAll(/<g data-date="([\d-]+)" data-answered="(\d+)"><title>([^<]*)<\/title><rect[^>]*height="(\d+)"/g)];
    expect(bars.map((bar) => bar[1])).toEqual(dashboard.days.map((day) => day.date));
    const heights = bars.map((bar) => Number(bar[4]));
    expect(Math.max(...heights)).toBe(heights[2]);
    expect(heights[1]).toBe(1);
    expect(bars[2]?.[3]).toBe('17.11: 30 besvart, median 3 t 0 min');
    expect(bars[1]?.[3]).toBe('16.11: 0 besvart, median Ingen svar');
    expect(html).not.toContain('data-testid="quote-dashboard-open"');
  });

  it('says "Ingen svar" when nothing was answered in 7 days', () => {
    const html = render(<QuoteDashboardCard dashboard={{ ...dashboard, medianAnswerMinutes7d: null }} />);
    expect(figure(html, 'quote-dashboard-medianAnswer')).toBe('Ingen svar');
  });

  it('waits for data without figures, before the first answer and before the first snapshot', () => {
    for (const value of [undefined, null]) {
      const html = render(<QuoteDashboardCard dashboard={value} />);
      expect(html).toContain('data-testid="quote-dashboard-loading"');
      expect(html).not.toContain('data-testid="quote-dashboard-openRequests"');
    }
  });

  it('speaks English', () => {
    const html = render(<QuoteDashboardCard dashboard={dashboard} />, 'en');
    expect(html).toContain('Open requests');
    expect(figure(html, 'quote-dashboard-medianAnswer')).toBe('3 h 42 min');
  });
});
