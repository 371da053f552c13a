import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import type { i18n } from 'i18next';
import { useEffect } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { AppFrame } from './AppFrame';
import type { KeyValueStore } from './storage';
import { theme } from './theme';

/** Keeps `<html lang>` equal to the UI language, for screen readers and hyphenation. */
function DocumentLanguage() {
  const { i18n } = useTranslation();
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);
  return null;
}

/** Props of the root component; passed in so main.tsx owns every browser global. */
export interface AppProps {
  i18n: i18n;
  store: KeyValueStore | null;
}

/** The root: i18n, theme (light/dark, remembered), and the app frame. */
export function App({ i18n, store }: AppProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <ThemeProvider theme={theme} defaultMode="system" modeStorageKey="lysdesk.colorMode" disableTransitionOnChange>
        <CssBaseline enableColorScheme />
        <DocumentLanguage />
        <AppFrame store={store} />
      </ThemeProvider>
    </I18nextProvider>
  );
}
