import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Tooltip from '@mui/material/Tooltip';
import { useTranslation } from 'react-i18next';
import { viewIcons } from './viewIcons';
import { ariaShortcut, shortcutDigit, workflowIds, type ViewId } from './views';

/** Props of the left menu. */
export interface NavListProps {
  current: ViewId;
  onNavigate: (view: ViewId) => void;
}

/** The left menu: the overview, then one real button per workflow, Tab-reachable. */
export function NavList({ current, onNavigate }: NavListProps) {
  const { t } = useTranslation();

  function item(view: ViewId) {
    const Icon = viewIcons[view];
    const selected = view === current;
    const keys = t('shell.shortcutKeys', { digit: shortcutDigit(view) });
    return (
      <ListItem key={view} disablePadding sx={{ px: 1, py: 0.25 }}>
        <Tooltip title={t('shell.shortcut', { keys })} placement="right" describeChild>
          <ListItemButton
            component="button"
            type="button"
            selected={selected}
            aria-current={selected ? 'page' : undefined}
            aria-keyshortcuts={ariaShortcut(view)}
            data-testid={`nav-${view}`}
            onClick={() => onNavigate(view)}
            sx={{
              width: '100%',
              textAlign: 'left',
              py: 0.5,
              '&.Mui-selected': { color: 'primary.main' },
              '&.Mui-selected .MuiListItemIcon-root': { color: 'primary.main' },
            }}
          >
            <ListItemIcon>
              <Icon fontSize="small" />
            </ListItemIcon>
            <ListItemText primary={t(`nav.${view}`)} slotProps={{ primary: { sx: { fontWeight: selected ? 600 : 500 } } }} />
            <Box component="span" aria-hidden sx={{ fontSize: 11, color: 'text.disabled', ml: 1, whiteSpace: 'nowrap' }}>
              {keys}
            </Box>
          </ListItemButton>
        </Tooltip>
      </ListItem>
    );
  }

  return (
    <Box
      component="nav"
      aria-label={t('shell.navLabel')}
      sx={{
        width: 224,
        flexShrink: 0,
        overflowY: 'auto',
        bgcolor: 'shell.nav',
        borderRight: 1,
        borderColor: 'divider',
        py: 1,
      }}
    >
      <List disablePadding>{item('home')}</List>
      <Divider sx={{ my: 1 }} />
      <List
        disablePadding
        subheader={
          <ListSubheader disableSticky sx={{ bgcolor: 'transparent', lineHeight: '28px', fontSize: 11, fontWeight: 600, textTransform: 'uppercase', letterSpacing: '0.08em' }}>
            {t('shell.workflows')}
          </ListSubheader>
        }
      >
        {workflowIds.map(item)}
      </List>
    </Box>
  );
}
