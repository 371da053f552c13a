import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';

// Registered here once, for every grid of the app (AG Grid 36 renders nothing without it).
ModuleRegistry.registerModules([AllCommunityModule]);

/**
 * The look of every grid: Quartz, dense, coloured from the MUI theme's CSS variables, so a grid
 * follows the light/dark scheme without being told and uses the app's font and palette.
 */
export const appGridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontSize: 12,
  spacing: 5,
  rowHeight: 32,
  headerHeight: 34,
  wrapperBorderRadius: 0,
  browserColorScheme: 'inherit',
  backgroundColor: 'var(--mui-palette-background-paper)',
  foregroundColor: 'var(--mui-palette-text-primary)',
  headerBackgroundColor: 'var(--mui-palette-background-default)',
  borderColor: 'var(--mui-palette-divider)',
  accentColor: 'var(--mui-palette-primary-main)',
});
