import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Drawer from '@mui/material/Drawer';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NeedsAttentionItem } from '../../../electron/shared/ipc/contract';
import { formatDateTime } from '../../app/format';
import { invoke } from '../../bridge';

const knownNames = [
  'quote.claim',
  'quote.release',
  'quote.comment',
  'quote.answer',
  'quote.decline',
  'quote.reassign',
  'quote.markRead',
  'customer.setTier',
  'customer.setMigration',
] as const;

/**
 * The rejected actions, newest first: what was tried, the server's message, and buttons to open
 * the object and to dismiss the entry. Reloaded when opened and whenever the count changes.
 */
export function NeedsAttentionDrawer({
  open,
  count,
  onClose,
  onOpenObject,
}: {
  open: boolean;
  count: number;
  onClose: () => void;
  onOpenObject: (object: NonNullable<NeedsAttentionItem['object']>) => void;
}) {
  const { t } = useTranslation();
  const [items, setItems] = useState<NeedsAttentionItem[]>([]);
  const load = useCallback(() => {
    invoke('sync.listNeedsAttention', {})
      .then(setItems)
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    if (open) load();
  }, [open, count, load]);

  const label = (name: string): string => ((knownNames as readonly string[]).includes(name) ? t(`attention.names.${name as (typeof knownNames)[number]}`) : name);

  return (
    <Drawer anchor="right" open={open} onClose={onClose} slotProps={{ paper: { sx: { width: { xs: '100%', sm: 440 } }, 'aria-label': t('attention.title') } as object }}>
      <Box sx={{ p: 2 }} data-testid="attention-drawer">
        <Typography variant="h6" component="h2">
          {t('attention.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {t('attention.lead')}
        </Typography>
        {items.length === 0 ? (
          <Typography sx={{ mt: 2 }}>{t('attention.empty')}</Typography>
        ) : (
          <List>
            {items.map((item) => (
              <ListItem key={item.seq} divider sx={{ display: 'block', px: 0 }} data-testid="attention-item">
                <Typography variant="subtitle2">{label(item.name)}</Typography>
                <Typography variant="caption" color="text.secondary">
                  {t('attention.madeAt', { time: formatDateTime(item.createdAt) })} · {item.code}
                </Typography>
                <Typography variant="body2" sx={{ my: 0.5 }}>
                  {item.message}
                </Typography>
                <Box sx={{ display: 'flex', gap: 1 }}>
                  {item.object !== null && (
                    <Button size="small" variant="outlined" onClick={() => item.object && onOpenObject(item.object)}>
                      {t('attention.open')}
                    </Button>
                  )}
                  <Button
                    size="small"
                    onClick={() => {
                      void invoke('sync.dismissNeedsAttention', { seq: item.seq }).then(load);
                    }}
                  >
                    {t('attention.dismiss')}
                  </Button>
                </Box>
              </ListItem>
            ))}
          </List>
        )}
      </Box>
    </Drawer>
  );
}
