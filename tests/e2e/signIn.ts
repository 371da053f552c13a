import { expect, type Page } from '@playwright/test';

/** The address of the app the global setup started (with the host's secret). */
export function appUrl(): string {
  const url = process.env['E2E_APP_URL'];
  if (!url) throw new Error('E2E_APP_URL is not set: the global setup did not start the host');
  return url;
}

/**
 * Signs in with a demo login when the login page shows; a session already open (the host keeps
 * it across reloads) is signed out first when it belongs to another role.
 */
export async function signIn(page: Page, role: 'consultant' | 'branch' | 'customer_service' | 'admin' = 'consultant'): Promise<void> {
  const login = page.getByTestId('login-page');
  const app = page.getByTestId('sign-out');
  await expect(login.or(app)).toBeVisible();
  if (await app.isVisible()) {
    const who = (await page.getByTestId('signed-in-as').getAttribute('data-role')) ?? '';
    if (who === role) return;
    await app.click();
    await expect(login).toBeVisible();
  }
  await page.getByTestId(`login-demo-${role}`).click();
  await expect(app).toBeVisible();
}
