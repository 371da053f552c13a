import BookmarkBorderOutlined from '@mui/icons-material/BookmarkBorderOutlined';
import Check from '@mui/icons-material/Check';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sameView, SAVED_VIEW_NAME_MAX, type QueueViewState, type SavedQueueView } from './savedViews';

/** Props of the saved-views menu. */
export interface SavedViewsMenuProps {
  views: readonly SavedQueueView[];
  current: QueueViewState;
  onApply: (view: QueueViewState) => void;
  onSave: (name: string) => void;
  onDelete: (name: string) => void;
  onReset: () => void;
}

/** "Visninger": pick a saved filter+sort, save the current one under a name, or delete one. */
export function SavedViewsMenu({ views, current, onApply, onSave, onDelete, onReset }: SavedViewsMenuProps) {
  const { t } = useTranslation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const trimmed = name.trim();
  const error = trimmed === '' ? t('quotes.views.nameRequired') : trimmed.length > SAVED_VIEW_NAME_MAX ? t('quotes.views.nameTooLong', { max: SAVED_VIEW_NAME_MAX }) : null;
  const active = views.find((view) => sameView(view, current));

  function submit(event: FormEvent): void {
    event.preventDefault();
    setTouched(true);
    if (error !== null) return;
    onSave(trimmed);
    setNaming(false);
  }

  return (
    <>
      <Button
        variant="outlined"
        color="inherit"
        startIcon={<BookmarkBorderOutlined fontSize="small" />}
        onClick={(event) => setAnchor(event.currentTarget)}
        aria-haspopup="menu"
        data-testid="quote-views"
        sx={{ borderColor: 'divider' }}
      >
        {active ? active.name : t('quotes.views.button')}
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)} slotProps={{ list: { 'aria-label': t('quotes.views.title'), dense: true } }}>
        {views.length === 0 && (
          <MenuItem disabled>
            <ListItemText primary={t('quotes.views.none')} />
          </MenuItem>
        )}
        {views.map((view) => (
          <MenuItem
            key={view.name}
            selected={view === active}
            data-testid={`quote-view-${view.name}`}
            onClick={() => {
              onApply({ filter: view.filter, sort: view.sort });
              setAnchor(null);
            }}
          >
            <ListItemIcon>{view === active && <Check fontSize="small" />}</ListItemIcon>
            <ListItemText primary={view.name} />
            <IconButton
              edge="end"
              aria-label={t('quotes.views.delete', { name: view.name })}
              title={t('quotes.views.delete', { name: view.name })}
              onClick={(event) => {
                event.stopPropagation();
                onDelete(view.name);
              }}
              sx={{ ml: 2 }}
            >
              <DeleteOutlined fontSize="small" />
            </IconButton>
          </MenuItem>
        ))}
        <Divider />
        <MenuItem
          onClick={() => {
            onReset();
            setAnchor(null);
          }}
        >
          <ListItemText inset primary={t('quotes.views.reset')} />
        </MenuItem>
        <MenuItem
          data-testid="quote-view-save"
          onClick={() => {
            setAnchor(null);
            setName(active?.name ?? '');
            setTouched(false);
            setNaming(true);
          }}
        >
          <ListItemText inset primary={t('quotes.views.save')} />
        </MenuItem>
      </Menu>
      <Dialog open={naming} onClose={() => setNaming(false)} aria-labelledby="quote-view-save-title" maxWidth="xs" fullWidth>
        <form onSubmit={submit} noValidate>
          <DialogTitle id="quote-view-save-title">{t('quotes.views.saveTitle')}</DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 2 }}>{t('quotes.views.saveLead')}</DialogContentText>
            <TextField
              autoFocus
              fullWidth
              required
              label={t('quotes.views.name')}
              value={name}
              onChange={(event) => setName(event.target.value)}
              error={touched && error !== null}
              helperText={touched ? error : null}
              slotProps={{ htmlInput: { 'data-testid': 'quote-view-name', maxLength: SAVED_VIEW_NAME_MAX + 10 } }}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setNaming(false)}>{t('quotes.views.cancel')}</Button>
            <Button type="submit" variant="contained" data-testid="quote-view-confirm">
              {t('quotes.views.confirm')}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
