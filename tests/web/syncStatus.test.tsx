import { ThemeProvider } from '@mui/material/styles';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../electron/shared/ipc/contract';
import { createI18n } from '../../src/app/i18n';
import type { KeyValueStore } from '../../src/app/storage';
import { theme } from '../../src/app/theme';
import { SyncBanners } from '../../src/features/sync/SyncBanners';
import { SyncIndicator } from '../../src/features/sync/SyncIndicator';

// The sync status parts rendered to markup: what a staff member reads in each state.

const synced: SyncStatus = {
  online: true,
  activity: 'idle',
  snapshot: null,
  hasData: true,
  lastSyncAt: '2026-11-21T08:15:00.000Z',
  queueDepth: 0,
  oldestPendingAt: null,
  needsAttention: 0,
  lastError: null,
};

function render(element: ReactElement, language = 'nb'): string {
  const store: KeyValueStore = { getItem: (key) => (key === 'lysdesk.language' ? language : null), setItem: () => undefined };
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(store)}>
      <ThemeProvider theme={theme}>{element}</ThemeProvider>
    </I18nextProvider>,
  );
  // Text only, without emotion's style tags and markup.
  return html
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const noop = (): void => undefined;

describe('the sync status bar part', () => {
  it('says when it last synced, in Oslo time', () => {
    expect(render(<SyncIndicator status={synced} onOpenAttention={noop} />)).toBe('Synkronisert 21.11.2026 09:15');
  });

  it('says offline, and shows the queue and the Needs attention count', () => {
    const text = render(<SyncIndicator status={{ ...synced, online: false, queueDepth: 3, oldestPendingAt: '2026-11-21T08:00:00.000Z', needsAttention: 1 }} onOpenAttention={noop} />);
    expect(text).toBe('Frakoblet 3 handlinger i kø 1 trenger oppmerksomhet');
  });

  it('speaks English too, with singular and plural', () => {
    expect(render(<SyncIndicator status={{ ...synced, queueDepth: 1, needsAttention: 2, activity: 'pushing' }} onOpenAttention={noop} />, 'en')).toBe(
      'Sending actions … 1 action queued 2 need attention',
    );
  });
});

describe('the sync banners', () => {
  it('show nothing while online without a snapshot running', () => {
    expect(render(<SyncBanners status={synced} onRetry={noop} />)).toBe('');
  });

  it('show the offline banner with a retry button', () => {
    expect(render(<SyncBanners status={{ ...synced, online: false }} onRetry={noop} />)).toBe(
      'Frakoblet. Du arbeider fra lokale data; handlingene dine sendes når forbindelsen er tilbake. Prøv nå',
    );
  });

  it('show a snapshot’s progress in rows, and as a progress bar', () => {
    const status = { ...synced, hasData: false, activity: 'pulling' as const, snapshot: { done: 12_345, total: 50_000 } };
    expect(render(<SyncBanners status={status} onRetry={noop} />)).toBe('Henter data fra serveren: 12 345 av 50 000 rader');
    const html = renderToStaticMarkup(
      <I18nextProvider i18n={createI18n(null)}>
        <SyncBanners status={status} onRetry={noop} />
      </I18nextProvider>,
    );
    expect(html).toMatch(/role="progressbar"[^>]*aria-valuenow="24.69"|aria-valuenow="24.69"[^>]*role="progressbar"/);
  });
});
