import Button from '@mui/material/Button';
import ListSubheader from '@mui/material/ListSubheader';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoreRead } from '../../app/useCoreRead';

/** Props of the admin's reassign menu. */
export interface ReassignMenuProps {
  branchId: string;
  currentAssigneeId: string | null;
  disabled: boolean;
  onReassign: (assignee: { id: string; name: string }) => void;
}

/** "Tildel …" (admins only): the branch's consultants, read from the cache when the menu opens. */
export function ReassignMenu({ branchId, currentAssigneeId, disabled, onReassign }: ReassignMenuProps) {
  const { t } = useTranslation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const assignees = useCoreRead('quotes.listAssignees', anchor === null ? null : { branchId }, ['staff']);
  const choices = (assignees.stale ? [] : (assignees.value ?? [])).filter((person) => person.id !== currentAssigneeId);
  return (
    <>
      <Button variant="outlined" disabled={disabled} onClick={(event) => setAnchor(event.currentTarget)} aria-haspopup="menu" data-testid="quote-reassign">
        {t('quotes.editor.reassign')}
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)} slotProps={{ list: { dense: true, 'aria-label': t('quotes.editor.reassignTitle') } }}>
        <ListSubheader>{t('quotes.editor.reassignTitle')}</ListSubheader>
        {!assignees.stale && assignees.value !== undefined && choices.length === 0 && <MenuItem disabled>{t('quotes.editor.noAssignees')}</MenuItem>}
        {choices.map((person) => (
          <MenuItem
            key={person.id}
            data-testid={`quote-reassign-${person.id}`}
            onClick={() => {
              setAnchor(null);
              onReassign(person);
            }}
          >
            {person.name}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
