import LightbulbOutlined from '@mui/icons-material/LightbulbOutlined';
import LoginOutlined from '@mui/icons-material/LoginOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Divider from '@mui/material/Divider';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthState } from '../../../electron/shared/ipc/contract';
import { routerErrorCodes, type IpcError } from '../../../electron/shared/ipc/result';
import { BridgeError, invoke } from '../../bridge';
import { blamesPassword, DEMO_PASSWORD, loginErrorText } from './loginError';

/** Props of the login page. */
export interface LoginPageProps {
  /** From `auth.getState` / `auth.changed`: the demo logins to offer, and whether the login is remembered. */
  auth: Pick<AuthState, 'demoLogins' | 'canRemember'>;
  /** Called with the answer of a successful `auth.login` (`auth.changed` announces it too). */
  onSignedIn?: (state: AuthState) => void;
}

function toIpcError(error: unknown): IpcError {
  if (error instanceof BridgeError) return { code: error.code, message: error.message };
  return { code: routerErrorCodes.internal, message: error instanceof Error ? error.message : String(error) };
}

/**
 * The login screen, shown while nobody is signed in: username and password (Enter submits),
 * the core's answer in an alert, and against the embedded demo server one button per demo login.
 * It talks to the core only through the bridge.
 */
export function LoginPage({ auth, onSignedIn }: LoginPageProps) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  // A second submit while one is out (Enter twice, a demo button) must not send another login.
  const sending = useRef(false);

  // After a wrong password the cursor goes back to the (emptied) password field, once it is enabled again.
  useEffect(() => {
    if (!busy && error !== null && blamesPassword(error)) passwordRef.current?.focus();
  }, [busy, error]);

  async function signIn(name: string, secret: string): Promise<void> {
    if (sending.current || name.trim() === '' || secret === '') return;
    sending.current = true;
    setBusy(true);
    setError(null);
    try {
      const state = await invoke('auth.login', { username: name, password: secret });
      onSignedIn?.(state);
    } catch (failure) {
      const ipcError = toIpcError(failure);
      setError(ipcError);
      if (blamesPassword(ipcError)) setPassword('');
    } finally {
      sending.current = false;
      setBusy(false);
    }
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    void signIn(username, password);
  }

  function signInAs(demoUsername: string): void {
    setUsername(demoUsername);
    setPassword(DEMO_PASSWORD);
    void signIn(demoUsername, DEMO_PASSWORD);
  }

  const ready = username.trim() !== '' && password !== '';

  return (
    <Box
      component="main"
      data-testid="login-page"
      sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'background.default', p: 2 }}
    >
      <Paper variant="outlined" sx={{ width: '100%', maxWidth: 420, p: 4 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 3 }}>
          <LightbulbOutlined sx={{ color: 'secondary.main' }} aria-hidden />
          <Typography variant="h6" component="span">
            {t('app.name')}
          </Typography>
        </Stack>
        <Typography variant="h5" component="h1" gutterBottom>
          {t('auth.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('auth.lead')}
        </Typography>

        {error !== null && (
          <Alert severity="error" role="alert" data-testid="login-error" sx={{ mb: 2 }}>
            {loginErrorText(error, t)}
          </Alert>
        )}

        <Box component="form" onSubmit={handleSubmit} aria-busy={busy} data-testid="login-form">
          <Stack spacing={2}>
            <TextField
              label={t('auth.username')}
              name="username"
              value={username}
              onChange={(event) => setUsername(event.target.value)}
              autoComplete="username"
              autoFocus
              required
              disabled={busy}
              fullWidth
              slotProps={{ htmlInput: { 'data-testid': 'login-username', autoCapitalize: 'none', spellCheck: false, maxLength: 200 } }}
            />
            <TextField
              label={t('auth.password')}
              name="password"
              type="password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              autoComplete="current-password"
              required
              disabled={busy}
              fullWidth
              inputRef={passwordRef}
              slotProps={{ htmlInput: { 'data-testid': 'login-password', maxLength: 1000 } }}
            />
            <Button
              type="submit"
              variant="contained"
              size="large"
              disabled={busy || !ready}
              startIcon={busy ? <CircularProgress size={18} color="inherit" aria-hidden /> : <LoginOutlined />}
              data-testid="login-submit"
            >
              {busy ? t('auth.signingIn') : t('auth.submit')}
            </Button>
          </Stack>
        </Box>

        {!auth.canRemember && (
          <Alert severity="info" data-testid="login-cannot-remember" sx={{ mt: 2 }}>
            {t('auth.cannotRemember')}
          </Alert>
        )}

        {auth.demoLogins.length > 0 && (
          <Box component="section" aria-labelledby="login-demo-title" data-testid="login-demo" sx={{ mt: 3 }}>
            <Divider sx={{ mb: 2 }} />
            <Typography id="login-demo-title" variant="subtitle2" component="h2">
              {t('auth.demoTitle')}
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
              {t('auth.demoLead')}
            </Typography>
            <Stack spacing={1}>
              {auth.demoLogins.map((login) => (
                <Button
                  key={login.username}
                  variant="outlined"
                  disabled={busy}
                  onClick={() => signInAs(login.username)}
                  data-testid={`login-demo-${login.role}`}
                  sx={{ justifyContent: 'space-between', textTransform: 'none' }}
                >
                  <span>{t('auth.demoButton', { role: t(`auth.roles.${login.role}`) })}</span>
                  <Typography component="span" variant="caption" color="text.secondary">
                    {login.username}
                  </Typography>
                </Button>
              ))}
            </Stack>
          </Box>
        )}
      </Paper>
    </Box>
  );
}
