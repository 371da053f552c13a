import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/app/i18n';
import type { KeyValueStore } from '../../src/app/storage';
import { rowKeyAction } from '../../src/features/quotes/queueKeys';
import { durationText, slaCountdown, slaDetail, slaText } from '../../src/features/quotes/sla';

// The 24-hour promise as the queue shows it: time left, amber under 4 h, red "Overskredet".

const due = '2026-11-21T12:00:00.000Z';
const dueMs = Date.parse(due);
const hour = 3_600_000;
const minute = 60_000;

function i18n(language: 'nb' | 'en') {
  const store: KeyValueStore = { getItem: (key) => (key === 'lysdesk.language' ? language : null), setItem: () => undefined };
  return createI18n(store);
}
const nb = i18n('nb').t;
const en = i18n('en').t;

describe('slaCountdown and slaText', () => {
  it('5 h left: calm, "5 t 0 min"', () => {
    const countdown = slaCountdown(due, 'requested', dueMs - 5 * hour);
    expect(countdown.tone).toBe('ok');
    expect(slaText(countdown, nb)).toBe('5 t 0 min');
    expect(slaText(countdown, en)).toBe('5 h 0 min');
    expect(slaDetail(countdown, nb)).toBe('');
  });

  it('3 h 59 min left: amber', () => {
    const countdown = slaCountdown(due, 'in_progress', dueMs - (3 * hour + 59 * minute));
    expect(countdown.tone).toBe('amber');
    expect(slaText(countdown, nb)).toBe('3 t 59 min');
  });

  it('exactly 4 h left is not amber yet; a second less is', () => {
    expect(slaCountdown(due, 'requested', dueMs - 4 * hour).tone).toBe('ok');
    expect(slaCountdown(due, 'requested', dueMs - 4 * hour + 1000).tone).toBe('amber');
  });

  it('0 left: breached, red, "Overskredet"', () => {
    const countdown = slaCountdown(due, 'revision_requested', dueMs);
    expect(countdown.tone).toBe('red');
    expect(slaText(countdown, nb)).toBe('Overskredet');
    expect(slaText(countdown, en)).toBe('Breached');
  });

  it('−2 h: red, "Overskredet", and how long ago in the tooltip', () => {
    const countdown = slaCountdown(due, 'requested', dueMs + 2 * hour);
    expect(countdown.tone).toBe('red');
    expect(countdown.remainingMs).toBe(-2 * hour);
    expect(slaText(countdown, nb)).toBe('Overskredet');
    expect(slaDetail(countdown, nb)).toBe('Fristen gikk ut for 2 t 0 min siden');
  });

  it('closed quotes show no countdown, even past the due time', () => {
    for (const status of ['answered', 'accepted', 'declined', 'expired'] as const) {
      const countdown = slaCountdown(due, status, dueMs + 2 * hour);
      expect(countdown.tone, status).toBe('closed');
      expect(slaText(countdown, nb), status).toBe('');
    }
  });

  it('rounds up to whole minutes, so a running clock never reads 0', () => {
    expect(durationText(30_000, nb)).toBe('1 min');
    expect(durationText(59 * minute, nb)).toBe('59 min');
    expect(durationText(hour + 1, nb)).toBe('1 t 1 min');
  });
});

describe('rowKeyAction', () => {
  const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
  });

  it('Enter opens, T and Ctrl+Enter claim', () => {
    expect(rowKeyAction(key('Enter'))).toBe('open');
    expect(rowKeyAction(key('t'))).toBe('claim');
    expect(rowKeyAction(key('T', { shiftKey: true }))).toBe('claim');
    expect(rowKeyAction(key('Enter', { ctrlKey: true }))).toBe('claim');
  });

  it('leaves other keys and chords to the grid and the app', () => {
    expect(rowKeyAction(key('ArrowDown'))).toBeNull();
    expect(rowKeyAction(key('t', { ctrlKey: true }))).toBeNull();
    expect(rowKeyAction(key('t', { altKey: true }))).toBeNull();
    expect(rowKeyAction(key('Enter', { altKey: true }))).toBeNull();
  });
});
