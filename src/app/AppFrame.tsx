import LightbulbOutlined from '@mui/icons-material/LightbulbOutlined';
import LogoutOutlined from '@mui/icons-material/LogoutOutlined';
import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerOpenRequest } from '../features/customers/customerModel';
import { CustomersPage } from '../features/customers/CustomersPage';
import { HomePage } from '../features/home/HomePage';
import { InboxPage } from '../features/inbox/InboxPage';
import { MigrationPage } from '../features/migration/MigrationPage';
import { OrdersPage } from '../features/orders/OrdersPage';
import { QuotesPage } from '../features/quotes/QuotesPage';
import type { OpenRequest } from '../features/quotes/QuoteWorkspace';
import { ReturnsPage } from '../features/returns/ReturnsPage';
import { NeedsAttentionDrawer } from '../features/sync/NeedsAttentionDrawer';
import { SyncBanners } from '../features/sync/SyncBanners';
import { invoke } from '../bridge';
import type { SyncTableName } from '../../electron/shared/sync/rows';
import type { AuthState } from '../../electron/shared/ipc/contract';

type SessionStaff = NonNullable<AuthState['staff']>;
import { ColorModeToggle } from './ColorModeToggle';
import { LanguageSwitcher } from './LanguageSwitcher';
import { NavList } from './NavList';
import { StatusBar } from './StatusBar';
import type { KeyValueStore } from './storage';
import { useLiveValue } from './useLiveValue';
import { useView, useViewShortcuts } from './useView';
import type { ViewId } from './views';

interface PageContext {
  store: KeyValueStore | null;
  staff: SessionStaff;
  quoteRequest: OpenRequest | null;
  customerRequest: CustomerOpenRequest | null;
  openCustomer: (customerId: string) => void;
  openQuote: (quoteId: string) => void;
}

function renderPage(view: ViewId, navigate: (view: ViewId) => void, context: PageContext) {
  switch (view) {
    case 'home':
      return <HomePage onNavigate={navigate} />;
    case 'quotes':
      return <QuotesPage store={context.store} staff={context.staff} request={context.quoteRequest} />;
    case 'customers':
      return <CustomersPage staff={context.staff} request={context.customerRequest} onOpenQuote={context.openQuote} />;
    case 'orders':
      return <OrdersPage />;
    case 'returns':
      return <ReturnsPage />;
    case 'inbox':
      return <InboxPage />;
    case 'migration':
      return <MigrationPage staff={context.staff} onOpenCustomer={context.openCustomer} />;
  }
}

/** The view that shows an object of `table` (for "open" in the Needs attention list). */
export function viewOfTable(table: SyncTableName): ViewId {
  if (table.startsWith('quote')) return 'quotes';
  if (table === 'orders' || table === 'order_lines' || table === 'shipments' || table === 'invoices') return 'orders';
  if (table === 'returns' || table === 'return_lines') return 'returns';
  if (table === 'contact_messages') return 'inbox';
  if (table === 'migration_events') return 'migration';
  if (table === 'customers' || table === 'company_users' || table === 'addresses' || table === 'loyalty_tier_changes' || table === 'project_lists' || table === 'project_list_items') return 'customers';
  return 'home';
}

/** The window layout: app bar, left menu, the current page, and the status bar. */
export function AppFrame({ store, staff }: { store: KeyValueStore | null; staff: SessionStaff }) {
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
  const sync = useLiveValue<{ call: 'sync.getStatus'; event: 'sync.statusChanged' }>('sync.getStatus', 'sync.statusChanged');
  const [attentionOpen, setAttentionOpen] = useState(false);
  const [quoteRequest, setQuoteRequest] = useState<OpenRequest | null>(null);
  const [customerRequest, setCustomerRequest] = useState<CustomerOpenRequest | null>(null);
  const openCustomer = useCallback(
    (customerId: string) => {
      setCustomerRequest({ customerId });
      navigate('customers');
    },
    [navigate],
  );
  const openQuote = useCallback(
    (quoteId: string) => {
      setQuoteRequest({ quoteId });
      navigate('quotes');
    },
    [navigate],
  );

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
          <Tooltip title={t('auth.signedInAs', { name: staff.name, role: t(`auth.roles.${staff.role}`) })}>
            <Typography variant="body2" component="span" data-testid="signed-in-as" data-role={staff.role} sx={{ display: { xs: 'none', sm: 'inline' } }}>
              {staff.name}
            </Typography>
          </Tooltip>
          <Button color="inherit" size="small" startIcon={<LogoutOutlined fontSize="small" />} onClick={() => void invoke('auth.logout', {})} data-testid="sign-out">
            {t('auth.signOut')}
          </Button>
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
          {sync && <SyncBanners status={sync} onRetry={() => void invoke('sync.syncNow', {})} />}
          {renderPage(view, navigate, { store, staff, quoteRequest, customerRequest, openCustomer, openQuote })}
        </Box>
      </Box>
      <StatusBar sync={sync} onOpenAttention={() => setAttentionOpen(true)} />
      <NeedsAttentionDrawer
        open={attentionOpen}
        count={sync?.needsAttention ?? 0}
        onClose={() => setAttentionOpen(false)}
        onOpenObject={(object) => {
          setAttentionOpen(false);
          if (object.table === 'quotes') setQuoteRequest({ quoteId: object.id });
          if (object.table === 'customers') setCustomerRequest({ customerId: object.id });
          jump(viewOfTable(object.table));
        }}
      />
    </Box>
  );
}
