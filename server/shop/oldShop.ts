import { oldShopLoginRequestSchema, type OldShopLogin } from '../../electron/shared/protocol/shop';
import { audit } from '../auth';
import { HttpError, parseBody } from '../errors';
import type { ShopDeps } from './options';
import { notFound } from './support';

/**
 * `POST /v1/shop/old-shop/login`: a company user logs into the old webshop with its own
 * username (not the e-mail, which is the new shop's). Once the customer has moved, the old shop
 * is closed to it (403 OLD_SHOP_ACCESS_ENDED) until the branch re-activates it. While the move
 * switch is on, the old shop shows the move form (domain.md, "Moving customers…"; seed 003).
 * Audited either way: a login is who got into which account.
 */
export async function oldShopLogin(deps: ShopDeps, body: unknown): Promise<OldShopLogin> {
  const { username } = parseBody(oldShopLoginRequestSchema, body ?? {});
  const now = deps.now();
  // Case-insensitive, as old-shop logins are; two users per name would be a data error, so the
  // lowest id decides rather than a random one.
  const user = await deps.db
    .selectFrom('company_users')
    .innerJoin('customers', 'customers.id', 'company_users.customer_id')
    .select(['company_users.id as userId', 'customers.id as customerId', 'customers.customer_number', 'customers.migration_state', 'customers.old_shop_access'])
    .where((eb) => eb(eb.fn('lower', ['company_users.old_shop_username']), '=', username.toLowerCase()))
    .orderBy('company_users.id')
    .limit(1)
    .executeTakeFirst();
  const entry = { actorKind: 'shop', action: 'shop.oldShop.login', objectType: 'company_user', at: now } as const;
  if (user === undefined) {
    // Audited too: a run of unknown names is someone guessing. The name itself is not kept (it
    // may be a mistyped password); its length is enough to tell a guess from a typo.
    await audit(deps.db, { ...entry, objectId: null, outcome: 'refused', detail: { reason: 'unknown_username', length: username.length } });
    throw notFound('There is no old-shop user with that username. The username is in the e-mail we sent; the local branch can look it up.');
  }
  const login = { ...entry, objectId: user.userId };
  if (!user.old_shop_access) {
    await audit(deps.db, { ...login, outcome: 'refused', detail: { reason: 'old_shop_access_ended', customerId: user.customerId, migrationState: user.migration_state } });
    throw new HttpError(
      403,
      'OLD_SHOP_ACCESS_ENDED',
      `Customer ${user.customer_number} has moved to the new webshop, so the old one is closed to it. ` +
        'Log in to the new webshop with your e-mail address, or ask your local branch to re-activate the old shop.',
    );
  }
  const migrationFormShown = user.migration_state === 'switched_on';
  await audit(deps.db, { ...login, outcome: 'ok', detail: { customerId: user.customerId, migrationState: user.migration_state, migrationFormShown } });
  return { customerNumber: user.customer_number, migrationFormShown };
}
