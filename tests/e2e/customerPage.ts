import { expect, type Page } from '@playwright/test';

/**
 * Opens a customer the way staff do: the Customers page, words in the search field, the row in
 * the results grid, Enter. From a customer page it goes back to the results first.
 */
export async function openCustomer(page: Page, customer: { number: string; name: string }, query: string = customer.number): Promise<void> {
  await page.getByTestId('nav-customers').click();
  const back = page.getByTestId('customer-back');
  if (await back.isVisible()) await back.click();
  await page.getByTestId('customer-search').fill(query);
  const cell = page.getByTestId('customer-results').getByText(customer.number, { exact: true });
  await expect(cell).toBeVisible({ timeout: 5_000 });
  await cell.click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer-page')).toContainText(customer.name);
}
