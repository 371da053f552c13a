import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { historyNewestFirst, type MigrationEvent } from './migrationModel';
import { actorText, eventText, stateText } from './migrationText';

/** The customer's move history, newest first: when, who, what, from → to, why, and a pending marker. */
export function MigrationHistory({ history }: { history: readonly MigrationEvent[] }) {
  const { t } = useTranslation();
  const events = historyNewestFirst(history);
  return (
    <Box component="section" aria-labelledby="migration-history-title">
      <Typography id="migration-history-title" variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
        {t('migration.history.title')}
      </Typography>
      {events.length === 0 ? (
        <Typography variant="body2" color="text.secondary" data-testid="migration-history">
          {t('migration.history.empty')}
        </Typography>
      ) : (
        <Box component="ol" data-testid="migration-history" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {events.map((event) => (
            <Box
              component="li"
              key={event.id}
              data-testid="migration-history-row"
              data-action={event.action}
              data-pending={event.pending ? 'true' : 'false'}
              sx={{ py: 0.75, borderTop: 1, borderColor: 'divider', color: event.pending ? 'pending' : 'text.primary' }}
            >
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'baseline', flexWrap: 'wrap' }}>
                <Typography variant="body2" component="span" sx={{ fontWeight: 600 }}>
                  {eventText(event.action, t)}
                </Typography>
                <Typography variant="body2" component="span" color="text.secondary">
                  {t('migration.history.transition', { from: stateText(event.fromState, t), to: stateText(event.toState, t) })}
                </Typography>
                {event.pending && <Chip variant="outlined" label={t('migration.history.pending')} sx={{ color: 'pending', borderColor: 'pending' }} data-testid="migration-history-pending" />}
              </Box>
              <Typography variant="caption" color="text.secondary" component="p">
                <time dateTime={event.at}>{formatDateTime(event.at)}</time> · {actorText(event, t)}
              </Typography>
              {event.reason !== null && event.reason !== '' && (
                <Typography variant="body2" component="p" sx={{ whiteSpace: 'pre-wrap' }} data-testid="migration-history-reason">
                  {event.reason}
                </Typography>
              )}
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}
