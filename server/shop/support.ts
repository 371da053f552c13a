import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { shopRefSchema } from '../../electron/shared/protocol/shop';
import type { migrationStateSchema } from '../../electron/shared/sync/rows';
import { audit } from '../auth';
import type { Database } from '../db';
import { HttpError } from '../errors';
import type { Side } from './keys';

/** A 404 `NOT_FOUND` saying what was looked for. */
export function notFound(message: string): HttpError {
  return new HttpError(404, 'NOT_FOUND', message);
}

/** A 409 with `code`: the request is fine, but the object's state does not allow it now. */
export function conflict(code: string, message: string): HttpError {
  return new HttpError(409, code, message);
}

/** A path parameter that must be an id or number; anything that cannot be one is simply not found. */
export function pathRef(params: unknown, name: string, what: string): string {
  const value = typeof params === 'object' && params !== null && name in params ? (params as Record<string, unknown>)[name] : undefined;
  const parsed = shopRefSchema.safeParse(value);
  if (!parsed.success) throw notFound(`There is no ${what} with that id or number.`);
  return parsed.data;
}

/** The query string parsed with a strict schema; a mismatch is a 400 `INVALID_REQUEST`. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown, usage: string): z.output<S> {
  const result = schema.safeParse(query ?? {});
  if (!result.success) {
    const detail = result.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
    throw new HttpError(400, 'INVALID_REQUEST', `Invalid query (${detail}). ${usage}`);
  }
  return result.data;
}

/** A `sample`/`limit` query value: a whole number 1 … `max`, as text. */
export function countParam(max: number) {
  return z
    .string()
    .regex(/^\d{1,4}$/, { error: 'must be a whole number' })
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, { error: `must be 1 … ${max}` });
}

/** Records a write of `side` in the audit log, in the write's transaction so both commit or neither. */
export async function auditWrite(
  trx: Transaction<Database>,
  side: Side,
  action: string,
  object: { type: string; id: string },
  detail: Record<string, unknown>,
  at: Date,
): Promise<void> {
  await audit(trx, { actorKind: side, action, objectType: object.type, objectId: object.id, outcome: 'ok', detail, at });
}

/** The facts of a customer the shop's writes need. */
export interface CustomerFacts {
  id: string;
  customer_number: string;
  name: string;
  branch_id: string;
  loyalty_tier: 'silver' | 'gold' | 'platinum';
  migration_state: z.infer<typeof migrationStateSchema>;
}

const customerColumns = ['id', 'customer_number', 'name', 'branch_id', 'loyalty_tier', 'migration_state'] as const;

/** The customer with `customerNumber`, locked for the transaction when `lock`; a 404 when unknown. */
export async function customerByNumber(trx: Kysely<Database>, customerNumber: string, lock = false): Promise<CustomerFacts> {
  let query = trx.selectFrom('customers').select(customerColumns).where('customer_number', '=', customerNumber);
  if (lock) query = query.forUpdate();
  const customer = await query.executeTakeFirst();
  if (customer === undefined) throw notFound(`There is no customer with customer number ${customerNumber}. Check the number.`);
  return customer;
}

/** The customer with id `customerId` (it exists: a foreign key points at it). */
export async function customerById(trx: Kysely<Database>, customerId: string): Promise<CustomerFacts> {
  return trx.selectFrom('customers').select(customerColumns).where('id', '=', customerId).executeTakeFirstOrThrow();
}

/** Checks that `userId`, when given, is a company user of the customer; returns it or null. */
export async function actingUser(trx: Kysely<Database>, customer: CustomerFacts, userId: string | undefined): Promise<string | null> {
  if (userId === undefined) return null;
  const user = await trx
    .selectFrom('company_users')
    .select('id')
    .where('id', '=', userId)
    .where('customer_id', '=', customer.id)
    .executeTakeFirst();
  if (user === undefined) throw notFound(`Customer ${customer.customer_number} has no company user ${userId}.`);
  return user.id;
}
