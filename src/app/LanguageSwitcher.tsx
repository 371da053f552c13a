import type { MouseEvent } from 'react';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { useTranslation } from 'react-i18next';
import { isLanguage, languages } from './i18n';

/** The nb / en switch in the app bar; the choice is remembered by the i18n instance. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();

  function handleChange(_event: MouseEvent<HTMLElement>, value: unknown): void {
    // An exclusive group reports null when the pressed button is pressed again: keep the language.
    if (isLanguage(value)) void i18n.changeLanguage(value);
  }

  return (
    <ToggleButtonGroup
      exclusive
      size="small"
      value={i18n.language}
      onChange={handleChange}
      aria-label={t('shell.languageLabel')}
      data-testid="language-switcher"
      sx={{
        '& .MuiToggleButton-root': {
          color: 'inherit',
          borderColor: 'rgba(255, 255, 255, 0.28)',
          px: 1.25,
          py: 0.25,
          fontSize: 12,
          lineHeight: 1.6,
        },
        '& .MuiToggleButton-root.Mui-selected, & .MuiToggleButton-root.Mui-selected:hover': {
          color: 'inherit',
          bgcolor: 'rgba(255, 255, 255, 0.2)',
        },
        '& .MuiToggleButton-root:not(.Mui-selected)': { opacity: 0.75 },
      }}
    >
      {languages.map((lng) => (
        <ToggleButton key={lng} value={lng} lang={lng} aria-label={t(`language.${lng}`)} data-testid={`lang-${lng}`}>
          {t(`language.${lng}Short`)}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
