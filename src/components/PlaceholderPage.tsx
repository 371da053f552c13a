import ScheduleOutlined from '@mui/icons-material/ScheduleOutlined';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { viewIcons } from '../app/viewIcons';
import type { ViewId } from '../app/views';

const plannedKeys = ['planned1', 'planned2', 'planned3'] as const;

/** Props of a page that is not built yet. */
export interface PlaceholderPageProps {
  view: ViewId;
  /** Shown between the introduction and the list of planned features. */
  children?: ReactNode;
}

/** A page header plus what is planned for this view, until the real workflow replaces it. */
export function PlaceholderPage({ view, children }: PlaceholderPageProps) {
  const { t } = useTranslation();
  const Icon = viewIcons[view];

  return (
    <Box sx={{ px: 4, py: 3, maxWidth: 1080 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mb: 1 }}>
        <Box
          sx={{
            display: 'grid',
            placeItems: 'center',
            width: 36,
            height: 36,
            borderRadius: 1.5,
            bgcolor: 'action.selected',
            color: 'primary.main',
          }}
        >
          <Icon fontSize="small" />
        </Box>
        <Typography variant="h5" component="h1">
          {t(`pages.${view}.title`)}
        </Typography>
        <Chip label={t('pages.inProgress')} variant="outlined" sx={{ color: 'pending', borderColor: 'divider' }} />
      </Box>
      <Typography color="text.secondary" sx={{ mb: 3, maxWidth: 760, fontSize: 14 }}>
        {t(`pages.${view}.lead`)}
      </Typography>
      {children}
      <Paper variant="outlined" sx={{ px: 2.5, py: 1.5 }}>
        <Typography variant="overline" component="h2" color="text.secondary">
          {t('pages.comingLabel')}
        </Typography>
        <List disablePadding>
          {plannedKeys.map((key) => (
            <ListItem key={key} disableGutters sx={{ alignItems: 'flex-start' }}>
              <ListItemIcon sx={{ mt: 0.5, color: 'pending' }}>
                <ScheduleOutlined fontSize="small" />
              </ListItemIcon>
              <ListItemText primary={t(`pages.${view}.${key}`)} slotProps={{ primary: { sx: { fontSize: 14 } } }} />
            </ListItem>
          ))}
        </List>
      </Paper>
    </Box>
  );
}
