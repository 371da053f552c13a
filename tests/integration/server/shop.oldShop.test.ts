import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MigrationState } from '../../../electron/shared/domain/migration';
import { oldShopLoginSchema, shopMigrationSchema, type OldShopLogin } from '../../../electron/shared/protocol/shop';
import { auditRows } from './authFixture';
import { BACKENDS } from './backends';
import { expectError, expectStatus, send } from './httpFixture';
import { createCustomer, customerPusher, customerRow, migrationEvents } from './pushCustomerFixture';
import { OSLO, PUSH_STAFF } from './pushFixture';
import { comparable, currentCursor, pulledSince, useQuoteWorkWorld, type QuoteWorkWorld } from './pushQuoteFixture';
import { shop, SHOP_KEY } from './shopFixture';

// The old webshop's login (POST /v1/shop/old-shop/login) on both engines, through the whole
// move: no form before the switch, the form while it is on, closed after activation, open again
// after the branch's exception; with staff actions as real pushes and the customer's steps as
// shop calls.

describe.each(BACKENDS)('POST /v1/shop/old-shop/login through the move to the new webshop (%s)', (kind) => {
  let world: QuoteWorkWorld;
  useQuoteWorkWorld(kind, (ready) => (world = ready));
  const act = customerPusher(
    () => world.instance,
    () => world.tokens,
  );

  /** A customer in `state` with one company user whose old-shop username is returned. */
  async function customerWithUser(state: MigrationState = 'not_started') {
    const customer = await createCustomer(world.instance.db, { state, consultant: 'kari' });
    const username = `inaInn${customer.number}`;
    const userId = `${customer.id}-u1`;
    await world.instance.db
      .insertInto('company_users')
      .values({ id: userId, customer_id: customer.id, branch_id: OSLO, email: `ina@${customer.number}.test`, name: 'Ina Innkjøper', role: 'purchaser', old_shop_username: username, new_shop_activated_at: null })
      .execute();
    return { ...customer, username, userId };
  }

  async function login(username: string): Promise<OldShopLogin> {
    return oldShopLoginSchema.parse(expectStatus(await shop(world.instance, 'POST', '/v1/shop/old-shop/login', { username }), 200));
  }

  it('follows the move: no form, form, activated (closed), re-activated by exception (open)', async () => {
    const customer = await customerWithUser();
    const migration = (action: 'switchOn' | 'resendInvitation' | 'resendActivation') => ({ customerId: customer.id, eventId: randomUUID(), action });
    expect(await login(customer.username)).toEqual({ customerNumber: customer.number, migrationFormShown: false });

    expect(await act('branch', 'customer.setMigration', migration('switchOn'))).toMatchObject({ status: 'applied' });
    expect(await login(customer.username)).toEqual({ customerNumber: customer.number, migrationFormShown: true });
    expect(await act('branch', 'customer.setMigration', migration('resendInvitation'))).toMatchObject({ status: 'applied' });
    // No activation e-mail before the form.
    expect(await act('branch', 'customer.setMigration', migration('resendActivation'))).toMatchObject({ code: 'MIGRATION_STATE_CONFLICT' });

    const form = shopMigrationSchema.parse(expectStatus(await shop(world.instance, 'POST', `/v1/shop/customers/${customer.number}/migration-form`, { userId: customer.userId }), 200));
    expect(form).toEqual({ customerNumber: customer.number, migrationState: 'form_submitted', oldShopAccess: true });
    // Submitted: the old shop still opens, without the form.
    expect(await login(customer.username)).toEqual({ customerNumber: customer.number, migrationFormShown: false });
    expect(await act('branch', 'customer.setMigration', migration('resendActivation'))).toMatchObject({ status: 'applied' });
    // The switch cannot be taken back once the form is in.
    expect(await act('branch', 'customer.setMigration', { customerId: customer.id, eventId: randomUUID(), action: 'switchOff' })).toMatchObject({ code: 'MIGRATION_STATE_CONFLICT' });

    const activated = shopMigrationSchema.parse(expectStatus(await shop(world.instance, 'POST', `/v1/shop/customers/${customer.number}/activation`, {}), 200));
    expect(activated).toEqual({ customerNumber: customer.number, migrationState: 'activated', oldShopAccess: false });
    const closed = await shop(world.instance, 'POST', '/v1/shop/old-shop/login', { username: customer.username });
    expectError(closed, 403, 'OLD_SHOP_ACCESS_ENDED');
    expect(JSON.stringify(closed.body)).toContain(`Customer ${customer.number} has moved to the new webshop`);

    const cursor = await currentCursor(world.instance, world.tokens.branch);
    const reason = 'Kunden trenger prosjektarkivet i gammel nettbutikk ut måneden.';
    expect(await act('kari', 'customer.setMigration', { customerId: customer.id, eventId: randomUUID(), action: 'reactivateOldShop', reason })).toMatchObject({ status: 'applied' });
    expect(await login(customer.username)).toEqual({ customerNumber: customer.number, migrationFormShown: false });

    const row = await customerRow(world.instance.db, customer.id);
    expect(row).toMatchObject({ migration_state: 'old_shop_reactivated', old_shop_access: true });
    const events = await migrationEvents(world.instance.db, customer.id);
    expect(events.map((event) => [event.action, event.from_state, event.to_state, event.actor_kind, event.actor_id, event.reason])).toEqual([
      ['switch_on', 'not_started', 'switched_on', 'staff', PUSH_STAFF.branch.id, null],
      ['invitation_resent', 'switched_on', 'switched_on', 'staff', PUSH_STAFF.branch.id, null],
      ['form_submitted', 'switched_on', 'form_submitted', 'customer', customer.userId, null],
      ['activation_resent', 'form_submitted', 'form_submitted', 'staff', PUSH_STAFF.branch.id, null],
      ['activated', 'form_submitted', 'activated', 'customer', null, null],
      ['old_shop_reactivated', 'activated', 'old_shop_reactivated', 'staff', PUSH_STAFF.kari.id, reason],
    ]);
    // The branch sees the exception on its next pull.
    const pulled = await pulledSince(world.instance, world.tokens.branch, cursor);
    expect(comparable(pulled.get(`customers:${customer.id}`))).toEqual(comparable(row));
    expect(pulled.get(`migration_events:${events[5]?.id ?? ''}`)).toMatchObject({ action: 'old_shop_reactivated', reason });

    const logins = (await auditRows(world.instance.db, 'shop.oldShop.login')).filter((audit) => audit.object_id === customer.userId);
    expect(logins.map((audit) => [audit.actor_kind, audit.outcome, audit.detail.migrationState])).toEqual([
      ['shop', 'ok', 'not_started'],
      ['shop', 'ok', 'switched_on'],
      ['shop', 'ok', 'form_submitted'],
      ['shop', 'refused', 'activated'],
      ['shop', 'ok', 'old_shop_reactivated'],
    ]);
  });

  it.each<[MigrationState, boolean]>([
    ['deferred', false],
    ['interest_registered', false],
    ['switched_on', true],
  ])('shows the form to a customer who is %s: %s', async (state, shown) => {
    const customer = await customerWithUser(state);
    expect(await login(customer.username)).toEqual({ customerNumber: customer.number, migrationFormShown: shown });
  });

  it('matches the username without regard to case; refuses unknown usernames and malformed bodies', async () => {
    const customer = await customerWithUser();
    expect(await login(customer.username.toUpperCase())).toMatchObject({ customerNumber: customer.number });
    expect(await login(`  ${customer.username} `)).toMatchObject({ customerNumber: customer.number });
    const before = (await auditRows(world.instance.db, 'shop.oldShop.login')).length;
    expectError(await shop(world.instance, 'POST', '/v1/shop/old-shop/login', { username: 'finnes-ikke' }), 404, 'NOT_FOUND');
    // An unknown name is audited (a run of them is someone guessing), without the name itself.
    const unknown = (await auditRows(world.instance.db, 'shop.oldShop.login')).slice(before);
    expect(unknown.map((audit) => [audit.outcome, audit.object_id, audit.detail])).toEqual([['refused', null, { reason: 'unknown_username', length: 11 }]]);
    // The new shop's username (the e-mail) is not the old shop's.
    expectError(await shop(world.instance, 'POST', '/v1/shop/old-shop/login', { username: `ina@${customer.number}.test` }), 404, 'NOT_FOUND');
    expectError(await shop(world.instance, 'POST', '/v1/shop/old-shop/login', { username: customer.username, password: 'x' }), 400, 'INVALID_REQUEST');
    expectError(await shop(world.instance, 'POST', '/v1/shop/old-shop/login', {}), 400, 'INVALID_REQUEST');
    expectError(await shop(world.instance, 'POST', '/v1/shop/old-shop/login'), 400, 'INVALID_REQUEST');
    expectError(await shop(world.instance, 'POST', '/v1/shop/old-shop/login', { username: 'a\u0000b' }), 400, 'INVALID_REQUEST');
    expectError(await shop(world.instance, 'POST', '/v1/shop/old-shop/login', { username: customer.username }, world.tokens.kari), 401, 'UNAUTHENTICATED');
  });

  it('never answers 5xx to arbitrary login bodies or price queries', async () => {
    const customer = await customerWithUser();
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('', ' ', '\u0000', '\ud800', 'x'.repeat(5_000), customer.username));
    const body = fc.oneof(fc.record({ username: fc.oneof(text, fc.jsonValue({ maxDepth: 1 })) }), fc.jsonValue({ maxDepth: 2 }));
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const answer = await send(world.instance, 'POST', '/v1/shop/old-shop/login', { text: JSON.stringify(value) ?? 'null', token: SHOP_KEY });
        expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
    await fc.assert(
      // Percent-encoded bytes, so invalid UTF-8 reaches the server too.
      fc.asyncProperty(fc.oneof(text.map((articles) => Buffer.from(articles, 'utf8')), fc.uint8Array({ maxLength: 30 }).map((bytes) => Buffer.from(bytes))), async (bytes) => {
        const query = [...bytes].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
        const path = `/v1/shop/customers/${customer.number}/prices?articles=${query}`;
        const answer = await send(world.instance, 'GET', path, { token: SHOP_KEY });
        expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });
});
