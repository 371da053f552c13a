import CircularProgress from '@mui/material/CircularProgress';
import Box from '@mui/material/Box';
import { useMemo, useState } from 'react';
import { browserStore, type KeyValueStore } from '../../app/storage';
import { useLiveValue } from '../../app/useLiveValue';
import type { SessionStaff } from './quoteModel';
import { QuoteWorkspace, type OpenRequest } from './QuoteWorkspace';

/** Props of the quotes page; both optional so the app frame can render `<QuotesPage />` as before. */
export interface QuotesPageProps {
  /** Where saved views and answer drafts are kept; the browser's localStorage when not given. */
  store?: KeyValueStore | null;
  /** The signed-in staff member; read from the core's auth state when not given. */
  staff?: SessionStaff | null;
  /** Open this quote (e.g. from Needs attention). */
  request?: OpenRequest | null;
}

/** The quote queue (Tilbud): the queue on the left, the selected quote's editor on the right. */
export function QuotesPage({ store: givenStore, staff: givenStaff, request = null }: QuotesPageProps) {
  const [fallbackStore] = useState(() => (givenStore === undefined ? browserStore() : null));
  const store = givenStore === undefined ? fallbackStore : givenStore;
  const auth = useLiveValue<{ call: 'auth.getState'; event: 'auth.changed' }>('auth.getState', 'auth.changed');
  const staff = givenStaff ?? auth?.staff ?? null;
  const workspace = useMemo(() => (staff === null ? null : <QuoteWorkspace store={store} staff={staff} request={request} />), [store, staff, request]);
  if (workspace === null) {
    return (
      <Box sx={{ p: 4, display: 'grid', placeItems: 'center' }}>
        <CircularProgress size={24} />
      </Box>
    );
  }
  return workspace;
}
