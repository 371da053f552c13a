import { createTheme } from '@mui/material/styles';

/** Loyalty tier colours; prices are shown in the customer's tier colour. */
export interface TierColors {
  silver: string;
  gold: string;
  platinum: string;
}

/** Deadline colours, e.g. the 24-hour quote promise: amber when close, red when missed. */
export interface SlaColors {
  amber: string;
  red: string;
}

/** Colours of the app's frame (app bar, menu, status bar), apart from content colours. */
export interface ShellColors {
  appBar: string;
  appBarText: string;
  nav: string;
  statusBar: string;
}

declare module '@mui/material/styles' {
  // Named tokens so features write `color: 'tier.gold'` or `color: 'pending'` in `sx`.
  interface Palette {
    tier: TierColors;
    sla: SlaColors;
    /** A change queued locally and not yet confirmed by the server. */
    pending: string;
    shell: ShellColors;
  }
  interface PaletteOptions {
    tier?: TierColors;
    sla?: SlaColors;
    pending?: string;
    shell?: ShellColors;
  }
}

/** System fonts only: the CSP allows no font CDN, and staff get their OS's familiar UI font. */
const systemFont = [
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  'Roboto',
  '"Helvetica Neue"',
  '"Noto Sans"',
  '"Liberation Sans"',
  'Arial',
  'sans-serif',
].join(',');

// Token colours keep at least 4.5:1 contrast on both background colours of their scheme.
const light = {
  primary: { main: '#1f5fa8' },
  secondary: { main: '#7a5a00' },
  background: { default: '#f3f5f8', paper: '#ffffff' },
  divider: '#dde2e8',
  tier: { silver: '#5f6a76', gold: '#8a6400', platinum: '#3e6179' },
  sla: { amber: '#b45309', red: '#c62828' },
  pending: '#616872',
  shell: { appBar: '#18222e', appBarText: '#f1f4f8', nav: '#fafbfc', statusBar: '#e9edf2' },
};

const dark = {
  primary: { main: '#8ab4f0' },
  secondary: { main: '#e0b84a' },
  background: { default: '#0f141a', paper: '#161d25' },
  divider: '#2a343f',
  tier: { silver: '#c3cad2', gold: '#e6bd4f', platinum: '#9fc4dc' },
  sla: { amber: '#f5b041', red: '#f28b82' },
  pending: '#9aa3ad',
  shell: { appBar: '#0b1016', appBarText: '#e6ebf1', nav: '#121920', statusBar: '#0b1016' },
};

/** The app theme: dense, quiet, light and dark schemes, following the OS until staff choose. */
export const theme = createTheme({
  cssVariables: { colorSchemeSelector: 'data' },
  colorSchemes: { light: { palette: light }, dark: { palette: dark } },
  shape: { borderRadius: 6 },
  typography: {
    fontFamily: systemFont,
    fontSize: 13,
    h5: { fontSize: '1.375rem', fontWeight: 600, letterSpacing: '-0.01em' },
    h6: { fontSize: '1rem', fontWeight: 600 },
    subtitle2: { fontWeight: 600 },
    overline: { fontWeight: 600, letterSpacing: '0.08em', lineHeight: 2 },
    button: { textTransform: 'none', fontWeight: 600 },
  },
  components: {
    MuiButton: { defaultProps: { size: 'small', disableElevation: true } },
    MuiIconButton: { defaultProps: { size: 'small' } },
    MuiToggleButton: { defaultProps: { size: 'small' } },
    MuiTextField: { defaultProps: { size: 'small' } },
    MuiChip: { defaultProps: { size: 'small' } },
    MuiTable: { defaultProps: { size: 'small' } },
    MuiList: { defaultProps: { dense: true } },
    MuiToolbar: { defaultProps: { variant: 'dense' } },
    MuiTooltip: { defaultProps: { enterDelay: 400, arrow: true } },
    MuiPaper: { defaultProps: { elevation: 0 } },
    MuiButtonBase: {
      // Keyboard-first: a focused control must be obvious, not just a faint background change.
      styleOverrides: {
        root: ({ theme }) => ({
          '&.Mui-focusVisible': { outline: `2px solid ${theme.vars.palette.primary.main}`, outlineOffset: -2 },
        }),
      },
    },
    MuiListItemButton: {
      styleOverrides: { root: { borderRadius: 6 } },
    },
    MuiListItemIcon: {
      styleOverrides: { root: { minWidth: 32 } },
    },
  },
});
