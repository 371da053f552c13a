import { randomUUID } from 'node:crypto';
import { migrationStepRequestSchema, type ShopMigration } from '../../electron/shared/protocol/shop';
import { parseBody } from '../errors';
import type { ShopDeps } from './options';
import { actingUser, auditWrite, conflict, customerByNumber } from './support';

/**
 * `POST /v1/shop/customers/:number/migration-form`: the customer filled in the move form in the
 * old shop. The form only shows once staff pressed the move switch, so any other state is a 409
 * MIGRATION_NOT_SWITCHED_ON. The new shop then e-mails activation instructions.
 */
export async function submitMigrationForm(deps: ShopDeps, customerNumber: string, body: unknown): Promise<ShopMigration> {
  const request = parseBody(migrationStepRequestSchema, body ?? {});
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const customer = await customerByNumber(trx, customerNumber, true);
    const userId = await actingUser(trx, customer, request.userId);
    if (customer.migration_state !== 'switched_on') {
      throw conflict(
        'MIGRATION_NOT_SWITCHED_ON',
        `Customer ${customer.customer_number} is ${customer.migration_state}: the move form only appears after the branch presses the move switch.`,
      );
    }
    await trx.updateTable('customers').set({ migration_state: 'form_submitted' }).where('id', '=', customer.id).execute();
    await migrationEvent(trx, customer, 'form_submitted', 'switched_on', 'form_submitted', userId, now);
    await auditWrite(trx, 'shop', 'shop.migration.form', { type: 'customer', id: customer.id }, { userId }, now);
    return { customerNumber: customer.customer_number, migrationState: 'form_submitted', oldShopAccess: true };
  });
}

/**
 * `POST /v1/shop/customers/:number/activation`: a company user activated the new-shop account.
 * Only after the form (409 MIGRATION_NOT_FORM_SUBMITTED otherwise). The customer loses the old
 * shop, and every company user not yet activated counts as activated now.
 */
export async function activateNewShop(deps: ShopDeps, customerNumber: string, body: unknown): Promise<ShopMigration> {
  const request = parseBody(migrationStepRequestSchema, body ?? {});
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const customer = await customerByNumber(trx, customerNumber, true);
    const userId = await actingUser(trx, customer, request.userId);
    if (customer.migration_state !== 'form_submitted') {
      throw conflict(
        'MIGRATION_NOT_FORM_SUBMITTED',
        `Customer ${customer.customer_number} is ${customer.migration_state}: an account is activated from the e-mail the move form sends.`,
      );
    }
    await trx.updateTable('customers').set({ migration_state: 'activated', old_shop_access: false }).where('id', '=', customer.id).execute();
    await trx
      .updateTable('company_users')
      .set({ new_shop_activated_at: now.toISOString() })
      .where('customer_id', '=', customer.id)
      .where('new_shop_activated_at', 'is', null)
      .execute();
    await migrationEvent(trx, customer, 'activated', 'form_submitted', 'activated', userId, now);
    await auditWrite(trx, 'shop', 'shop.migration.activate', { type: 'customer', id: customer.id }, { userId }, now);
    return { customerNumber: customer.customer_number, migrationState: 'activated', oldShopAccess: false };
  });
}

async function migrationEvent(
  trx: Parameters<typeof actingUser>[0],
  customer: { id: string; branch_id: string },
  action: string,
  from: string,
  to: string,
  userId: string | null,
  now: Date,
): Promise<void> {
  await trx
    .insertInto('migration_events')
    .values({
      id: randomUUID(),
      customer_id: customer.id,
      branch_id: customer.branch_id,
      action,
      from_state: from,
      to_state: to,
      reason: null,
      actor_kind: 'customer',
      actor_id: userId,
      at: now.toISOString(),
    })
    .execute();
}
