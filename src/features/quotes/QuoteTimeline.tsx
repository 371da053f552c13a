import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { QuoteDetail } from '../../../electron/shared/ipc/quotes';
import { formatDateTime } from '../../app/format';

const knownKinds = ['requested', 'claimed', 'released', 'answered', 'commented', 'revision_requested', 'declined', 'reassigned', 'expired', 'accepted', 'read', 'ordered'] as const;

type QuoteEvent = QuoteDetail['events'][number];

/** "Kari Nordmann tok tilbudet": who did what, in words; unknown kinds are named rather than hidden. */
export function eventSentence(event: QuoteEvent, t: TFunction): string {
  const actor = event.actorName ?? (event.actorKind === 'system' ? t('quotes.timeline.system') : event.actorKind === 'customer' ? t('quotes.timeline.customer') : '');
  const kind = (knownKinds as readonly string[]).includes(event.kind) ? (event.kind as (typeof knownKinds)[number]) : null;
  let what = kind ? t(`quotes.timeline.kinds.${kind}`) : t('quotes.timeline.kinds.other', { kind: event.kind });
  const assignee = event.detail.assigneeName;
  if (kind === 'reassigned' && typeof assignee === 'string') what = `${what} ${t('quotes.timeline.reassignedTo', { name: assignee })}`;
  // "Systemet" alone before "tilbudet utløp" reads oddly; an expiry is said without an actor.
  return kind === 'expired' || actor === '' ? capitalize(what) : `${actor} ${what}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('nb') + text.slice(1);
}

/** The quote's history, oldest first: who, what, when. */
export function QuoteTimeline({ events }: { events: QuoteDetail['events'] }) {
  const { t } = useTranslation();
  const ordered = [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <Box component="section" aria-labelledby="quote-timeline-title" data-testid="quote-timeline">
      <Typography id="quote-timeline-title" variant="overline" component="h3" color="text.secondary">
        {t('quotes.timeline.title')}
      </Typography>
      {ordered.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('quotes.timeline.empty')}
        </Typography>
      ) : (
        <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0, borderLeft: 2, borderColor: 'divider', pl: 1.5 }}>
          {ordered.map((event) => (
            <Box component="li" key={event.id} data-kind={event.kind} sx={{ py: 0.5 }}>
              <Typography variant="body2">{eventSentence(event, t)}</Typography>
              <Typography variant="caption" color="text.secondary">
                {formatDateTime(event.at)}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}
