import DarkModeOutlined from '@mui/icons-material/DarkModeOutlined';
import LightModeOutlined from '@mui/icons-material/LightModeOutlined';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import { useColorScheme } from '@mui/material/styles';
import { useTranslation } from 'react-i18next';

/** Switches between light and dark; until staff choose, the theme follows the OS. */
export function ColorModeToggle() {
  const { t } = useTranslation();
  const { mode, systemMode, setMode } = useColorScheme();
  const current = mode === 'system' ? systemMode : mode;
  // The mode is unknown for the first render; a button that guessed would flip the wrong way.
  if (!current) return null;
  const next = current === 'dark' ? 'light' : 'dark';
  const label = t(next === 'dark' ? 'shell.colorModeToDark' : 'shell.colorModeToLight');

  return (
    <Tooltip title={label}>
      <IconButton color="inherit" aria-label={label} onClick={() => setMode(next)} data-testid="color-mode">
        {next === 'dark' ? <DarkModeOutlined fontSize="small" /> : <LightModeOutlined fontSize="small" />}
      </IconButton>
    </Tooltip>
  );
}
