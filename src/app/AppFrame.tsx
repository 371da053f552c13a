import LightbulbOutlined from '@mui/icons-material/LightbulbOutlined';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CustomersPage } from '../features/customers/CustomersPage';
import { HomePage } from '../features/home/HomePage';
import { InboxPage } from '../features/inbox/InboxPage';
import { MigrationPage } from '../features/migration/MigrationPage';
import { OrdersPage } from '../features/orders/OrdersPage';
import { QuotesPage } from '../features/quotes/QuotesPage';
import { ReturnsPage } from '../features/returns/ReturnsPage';
import { ColorModeToggle } from './ColorModeToggle';
import { LanguageSwitcher } from './LanguageSwitcher';
import { NavList } from './NavList';
import { StatusBar } from './StatusBar';
import type { KeyValueStore } from './storage';
import { useView, useViewShortcuts } from './useView';
import type { ViewId } from './views';

function renderPage(view: ViewId, navigate: (view: ViewId) => void) {
  switch (view) {
    case 'home':
      return <HomePage onNavigate={navigate} />;
    case 'quotes':
      return <QuotesPage />;
    case 'customers':
      return <CustomersPage />;
    case 'orders':
      return <OrdersPage />;
    case 'returns':
      return <ReturnsPage />;
    case 'inbox':
      return <InboxPage />;
    case 'migration':
      return <MigrationPage />;
  }
}

/** The window layout: app bar, left menu, the current page, and the status bar. */
export function AppFrame({ store }: { store: KeyValueStore | null }) {
  const { t } = useTranslation();
  const [view, navigate] = useView(store);
  const mainRef = useRef<HTMLElement>(null);

  // A keyboard jump moves focus to the new page, so Tab continues there and screen readers follow.
  const jump = useCallback(
    (next: ViewId) => {
      navigate(next);
      mainRef.current?.focus();
    },
    [navigate],
  );
  useViewShortcuts(jump);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh', bgcolor: 'background.default' }}>
      <AppBar position="static" elevation={0} sx={{ bgcolor: 'shell.appBar', color: 'shell.appBarText' }}>
        <Toolbar sx={{ gap: 1.5, minHeight: 48, px: { xs: 1.5 }, '& .Mui-focusVisible': { outlineColor: 'currentColor' } }}>
          <LightbulbOutlined sx={{ color: 'secondary.main' }} fontSize="small" aria-hidden />
          <Typography variant="h6" component="span" sx={{ letterSpacing: '0.01em' }}>
            {t('app.name')}
          </Typography>
          <Typography variant="body2" component="span" sx={{ opacity: 0.65, display: { xs: 'none', md: 'inline' } }}>
            {t('app.tagline')}
          </Typography>
          <Box sx={{ flexGrow: 1 }} />
          <ColorModeToggle />
          <LanguageSwitcher />
        </Toolbar>
      </AppBar>
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <NavList current={view} onNavigate={navigate} />
        <Box
          component="main"
          ref={mainRef}
          tabIndex={-1}
          aria-label={t(`nav.${view}`)}
          data-testid={`page-${view}`}
          sx={{ flex: 1, minWidth: 0, overflow: 'auto', outline: 'none' }}
        >
          {renderPage(view, navigate)}
        </Box>
      </Box>
      <StatusBar />
    </Box>
  );
}
