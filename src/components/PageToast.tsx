import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';
import { useCallback, useState, type ReactNode } from 'react';

/** Shows a short confirmation or error to the staff member (a page's snackbar). */
export type Notify = (message: string, severity?: 'success' | 'info' | 'error') => void;

interface Toast {
  message: string;
  severity: 'success' | 'info' | 'error';
  /** A new key per message, so the same words twice still show (and time out) again. */
  key: number;
}

/**
 * A page's snackbar: `notify` shows a message at the bottom for 4 s (a click elsewhere does not
 * dismiss it), `element` renders it; `testId` names the alert for the end-to-end tests.
 */
export function usePageToast(testId: string): { notify: Notify; element: ReactNode } {
  const [toast, setToast] = useState<Toast | null>(null);
  const notify: Notify = useCallback((message, severity = 'info') => setToast({ message, severity, key: Date.now() }), []);
  const element =
    toast === null ? null : (
      <Snackbar
        key={toast.key}
        open
        autoHideDuration={4000}
        onClose={(_event, reason) => {
          if (reason !== 'clickaway') setToast(null);
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity={toast.severity} variant="filled" onClose={() => setToast(null)} data-testid={testId}>
          {toast.message}
        </Alert>
      </Snackbar>
    );
  return { notify, element };
}
