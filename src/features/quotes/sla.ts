import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { isAwaitingAnswer, type QuoteStatus } from './quoteModel';

/** Under this much time left the countdown turns amber. */
export const SLA_WARNING_MS = 4 * 60 * 60 * 1000;

/** How often countdowns are recomputed. */
export const SLA_TICK_MS = 30_000;

/** How the countdown looks: none (closed quote), calm, amber (under 4 h) or red (breached). */
export type SlaTone = 'closed' | 'ok' | 'amber' | 'red';

/** Where a quote stands against its 24-hour due time. */
export interface SlaCountdown {
  tone: SlaTone;
  /** Milliseconds until the due time; negative once breached. */
  remainingMs: number;
}

/** The countdown of a quote in `status` due at `dueAt`, seen at `nowMs`. Due time reached counts as breached. */
export function slaCountdown(dueAt: string, status: QuoteStatus, nowMs: number): SlaCountdown {
  const remainingMs = Date.parse(dueAt) - nowMs;
  if (!isAwaitingAnswer(status) || Number.isNaN(remainingMs)) return { tone: 'closed', remainingMs };
  if (remainingMs <= 0) return { tone: 'red', remainingMs };
  if (remainingMs < SLA_WARNING_MS) return { tone: 'amber', remainingMs };
  return { tone: 'ok', remainingMs };
}

/** "3 t 59 min", "45 min": a duration in whole minutes, rounded up so a running clock never shows 0. */
export function durationText(ms: number, t: TFunction): string {
  const totalMinutes = Math.max(0, Math.ceil(ms / 60_000));
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return hours > 0 ? t('quotes.duration.hoursMinutes', { hours, minutes }) : t('quotes.duration.minutes', { minutes });
}

/** The countdown in words: time left, "Overskredet" once breached, nothing for a closed quote. */
export function slaText(countdown: SlaCountdown, t: TFunction): string {
  switch (countdown.tone) {
    case 'closed':
      return '';
    case 'red':
      return t('quotes.sla.breached');
    default:
      return durationText(countdown.remainingMs, t);
  }
}

/** The countdown's tooltip: how long ago a breach was, or nothing. */
export function slaDetail(countdown: SlaCountdown, t: TFunction): string {
  return countdown.tone === 'red' ? t('quotes.sla.breachedBy', { time: durationText(-countdown.remainingMs, t) }) : '';
}

/** The current time in ms, updated every `intervalMs` (30 s for countdowns). */
export function useNow(intervalMs: number = SLA_TICK_MS): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
