import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  shopAccountSchema,
  shopContactMessageSchema,
  shopCustomerListSchema,
  shopMigrationSchema,
  shopProductListSchema,
  shopQuoteListSchema,
} from '../../../electron/shared/protocol/shop';
import { DEFAULT_PRICING } from '../../../server/shop';
import { auditRows } from './authFixture';
import { BACKENDS, useTestDatabases } from './backends';
import { expectError, expectStatus } from './httpFixture';
import { createProjectList, CUSTOMERS, domainCounts, ids, placeOrder, PRODUCTS, seedShopWorld, shop, startShopInstance, type ShopInstance } from './shopFixture';

describe.each(BACKENDS)('shop: contact form, migration steps, account and samples (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let instance: ShopInstance;

  const message = { category: 'cancellation', senderName: 'Ina Innkjøper', senderEmail: 'ina@lys.test', subject: 'Kansellering', body: 'Stopp linje 2, takk.' };

  function contact(body: Record<string, unknown>) {
    return shop(instance, 'POST', '/v1/shop/contact-messages', { ...message, ...body });
  }

  beforeAll(async () => {
    instance = await startShopInstance(databases.config());
    await seedShopWorld(instance.db);
  });
  afterAll(async () => {
    await instance?.close();
  });

  it('links a contact message to the customer, order and branch it names', async () => {
    const order = await placeOrder(instance, 'platinum', { panel: 1 });
    const both = shopContactMessageSchema.parse(expectStatus(await contact({ customerNumber: CUSTOMERS.platinum.number, orderNumber: order.number }), 201));
    expect(both).toMatchObject({ category: 'cancellation', customerId: CUSTOMERS.platinum.id, orderId: order.id, branchId: CUSTOMERS.platinum.branch });
    const byOrder = shopContactMessageSchema.parse(expectStatus(await contact({ orderNumber: order.number }), 201));
    expect(byOrder).toMatchObject({ customerId: CUSTOMERS.platinum.id, orderId: order.id, branchId: CUSTOMERS.platinum.branch });
    const anonymous = shopContactMessageSchema.parse(expectStatus(await contact({ category: 'migration' }), 201));
    expect(anonymous).toMatchObject({ customerId: null, orderId: null, branchId: null });
    const row = await instance.db.selectFrom('contact_messages').selectAll().where('id', '=', both.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'new', assignee_id: null, sender_email: 'ina@lys.test', body: 'Stopp linje 2, takk.' });
    expect((await auditRows(instance.db, 'shop.contact.submit')).length).toBeGreaterThanOrEqual(3);

    const before = await domainCounts(instance.db);
    expectError(await contact({ customerNumber: '999999' }), 404, 'NOT_FOUND');
    expectError(await contact({ orderNumber: 'nope' }), 404, 'NOT_FOUND');
    expectError(await contact({ customerNumber: CUSTOMERS.silver.number, orderNumber: order.number }), 404, 'NOT_FOUND');
    expectError(await contact({ senderEmail: 'not an address' }), 400, 'INVALID_REQUEST');
    expectError(await contact({ category: 'praise' }), 400, 'INVALID_REQUEST');
    expectError(await contact({ body: 'a\u0000b' }), 400, 'INVALID_REQUEST');
    expect(await domainCounts(instance.db)).toEqual(before);
  });

  it('takes the migration form only after the move switch, and activation only after the form', async () => {
    const number = CUSTOMERS.silver.number;
    expectError(await shop(instance, 'POST', `/v1/shop/customers/${number}/activation`, {}), 409, 'MIGRATION_NOT_FORM_SUBMITTED');
    const form = shopMigrationSchema.parse(expectStatus(await shop(instance, 'POST', `/v1/shop/customers/${number}/migration-form`, { userId: ids('silver').user }), 200));
    expect(form).toEqual({ customerNumber: number, migrationState: 'form_submitted', oldShopAccess: true });
    expectError(await shop(instance, 'POST', `/v1/shop/customers/${number}/migration-form`, {}), 409, 'MIGRATION_NOT_SWITCHED_ON');
    expectError(await shop(instance, 'POST', `/v1/shop/customers/${CUSTOMERS.platinum.number}/migration-form`), 409, 'MIGRATION_NOT_SWITCHED_ON');

    const activated = shopMigrationSchema.parse(expectStatus(await shop(instance, 'POST', `/v1/shop/customers/${number}/activation`), 200));
    expect(activated).toEqual({ customerNumber: number, migrationState: 'activated', oldShopAccess: false });
    const customer = await instance.db.selectFrom('customers').selectAll().where('id', '=', CUSTOMERS.silver.id).executeTakeFirstOrThrow();
    expect(customer).toMatchObject({ migration_state: 'activated', old_shop_access: false });
    const users = await instance.db.selectFrom('company_users').select('new_shop_activated_at').where('customer_id', '=', CUSTOMERS.silver.id).execute();
    expect(users.every((user) => user.new_shop_activated_at !== null)).toBe(true);
    const events = await instance.db.selectFrom('migration_events').selectAll().where('customer_id', '=', CUSTOMERS.silver.id).orderBy('version').execute();
    expect(events.map((event) => [event.action, event.from_state, event.to_state, event.actor_kind, event.actor_id])).toEqual([
      ['form_submitted', 'switched_on', 'form_submitted', 'customer', ids('silver').user],
      ['activated', 'form_submitted', 'activated', 'customer', null],
    ]);
    expectError(await shop(instance, 'POST', `/v1/shop/customers/${number}/activation`, {}), 409, 'MIGRATION_NOT_FORM_SUBMITTED');
    expectError(await shop(instance, 'POST', '/v1/shop/customers/999999/migration-form', {}), 404, 'NOT_FOUND');
    expectError(await shop(instance, 'POST', `/v1/shop/customers/${CUSTOMERS.gold.number}/activation`, { userId: ids('silver').user }), 404, 'NOT_FOUND');
  });

  it('shows the account page and random samples of customers, products and quotes', async () => {
    const listId = await createProjectList(instance.db, 'gold', { downlight: 1 });
    const quote = expectStatus(await shop(instance, 'POST', `/v1/shop/project-lists/${listId}/quote-request`, {}), 201) as { id: string };
    const order = await placeOrder(instance, 'gold', { panel: 1 });
    const account = shopAccountSchema.parse(expectStatus(await shop(instance, 'GET', `/v1/shop/customers/${CUSTOMERS.gold.number}`), 200));
    expect(account).toMatchObject({ customerNumber: CUSTOMERS.gold.number, tier: 'gold', tierDiscountBp: DEFAULT_PRICING.tierDiscountBp.gold, migrationState: 'form_submitted' });
    expect(account.addresses.map((a) => a.kind).sort()).toEqual(['billing', 'business', 'delivery']);
    expect(account.users).toHaveLength(2);
    expect(account.projectLists).toContainEqual(expect.objectContaining({ id: listId, itemCount: 1, openQuoteId: quote.id }));
    expect(account.quotes.map((q) => q.id)).toContain(quote.id);
    expect(account.orders[0]).toMatchObject({ id: order.id, completeDeliveryAt: null });
    expectError(await shop(instance, 'GET', '/v1/shop/customers/999999'), 404, 'NOT_FOUND');

    const customers = shopCustomerListSchema.parse(expectStatus(await shop(instance, 'GET', '/v1/shop/customers?sample=10&migrationState=not_started'), 200));
    expect(customers.customers.map((c) => c.customerNumber)).toEqual([CUSTOMERS.platinum.number]);
    const products = shopProductListSchema.parse(expectStatus(await shop(instance, 'GET', '/v1/shop/products?sample=200'), 200));
    expect(products.products.map((p) => p.articleNumber).sort()).toEqual([PRODUCTS.downlight.article, PRODUCTS.mast.article, PRODUCTS.panel.article].sort());
    const quotes = shopQuoteListSchema.parse(expectStatus(await shop(instance, 'GET', '/v1/shop/quotes?status=requested&sample=5'), 200));
    expect(quotes.quotes.every((q) => q.status === 'requested')).toBe(true);
    expectError(await shop(instance, 'GET', '/v1/shop/customers?sample=0'), 400, 'INVALID_REQUEST');
    expectError(await shop(instance, 'GET', '/v1/shop/quotes?status=lost'), 400, 'INVALID_REQUEST');
    expectError(await shop(instance, 'GET', '/v1/shop/products?limit=3'), 400, 'INVALID_REQUEST');
  });
});
