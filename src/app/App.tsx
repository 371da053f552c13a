import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import type { i18n } from 'i18next';
import { useEffect } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import { LoginPage } from '../features/auth/LoginPage';
import { AppFrame } from './AppFrame';
import { StatusBar } from './StatusBar';
import { useLiveValue } from './useLiveValue';
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

/** The login page until someone is signed in (also offline, from the stored session), then the app. */
function SignedIn({ store }: { store: KeyValueStore | null }) {
  const auth = useLiveValue<{ call: 'auth.getState'; event: 'auth.changed' }>('auth.getState', 'auth.changed');
  if (auth === null) {
    // Until the core answers: a spinner, and the status bar, which says why when it cannot.
    return (
      <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
        <Box sx={{ flex: 1, display: 'grid', placeItems: 'center' }}>
          <CircularProgress aria-label="Lysdesk" />
        </Box>
        <StatusBar />
      </Box>
    );
  }
  if (auth.staff === null) return <LoginPage auth={auth} />;
  return <AppFrame store={store} staff={auth.staff} />;
}

/** The root: i18n, theme (light/dark, remembered), and the app frame. */
export function App({ i18n, store }: AppProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <ThemeProvider theme={theme} defaultMode="system" modeStorageKey="lysdesk.colorMode" disableTransitionOnChange>
        <CssBaseline enableColorScheme />
        <DocumentLanguage />
        <SignedIn store={store} />
      </ThemeProvider>
    </I18nextProvider>
  );
}
