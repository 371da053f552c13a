import type { Kysely } from 'kysely';
import { z } from 'zod';
import { prepareLinesRequestSchema, type WarehouseLine } from '../../electron/shared/protocol/shop';
import type { Database } from '../db';
import { parseBody } from '../errors';
import type { ShopDeps } from '../shop';
import { auditWrite, conflict, countParam, notFound, parseQuery } from '../shop/support';

const MAX_QUEUE = 500;
const queueQuerySchema = z.strictObject({ status: z.enum(['open', 'in_preparation']).optional(), limit: countParam(MAX_QUEUE).optional() });

/** `GET /v1/warehouse/lines?status=open|in_preparation&limit=N`: the work queue, oldest order first. */
export async function lineQueue(deps: ShopDeps, query: unknown): Promise<{ lines: WarehouseLine[] }> {
  const { status = 'open', limit = 50 } = parseQuery(queueQuerySchema, query, 'Use ?status=open|in_preparation&limit=1…500.');
  const ids = await deps.db
    .selectFrom('order_lines')
    .innerJoin('orders', 'orders.id', 'order_lines.order_id')
    .select('order_lines.id')
    .where('order_lines.status', '=', status)
    .orderBy('orders.placed_at')
    .orderBy('order_lines.order_id')
    .orderBy('order_lines.line_no')
    .limit(limit)
    .execute();
  return { lines: await warehouseLines(deps.db, ids.map((row) => row.id)) };
}

/**
 * `POST /v1/warehouse/lines/prepare`: the warehouse starts picking these lines. Only open lines
 * move (409 LINE_NOT_OPEN otherwise, and then none does): from here on they can no longer be
 * cancelled, which staff learn from the line's state at the moment they try.
 */
export async function prepareLines(deps: ShopDeps, body: unknown): Promise<{ lines: WarehouseLine[] }> {
  const { lineIds } = parseBody(prepareLinesRequestSchema, body);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    // Locked in id order, so two overlapping batches cannot deadlock.
    const rows = await trx
      .selectFrom('order_lines')
      .select(['id', 'line_no', 'status', 'order_id'])
      .where('id', 'in', lineIds)
      .orderBy('id')
      .forUpdate()
      .execute();
    const found = new Map(rows.map((row) => [row.id, row]));
    const missing = lineIds.filter((id) => !found.has(id));
    if (missing.length > 0) throw notFound(`There is no order line ${missing.join(', ')}.`);
    const notOpen = rows.filter((row) => row.status !== 'open');
    if (notOpen.length > 0) {
      const list = notOpen.map((row) => `${row.id} (${row.status})`).join(', ');
      throw conflict('LINE_NOT_OPEN', `Only open lines can go into preparation; not: ${list}. Nothing was changed.`);
    }
    await trx.updateTable('order_lines').set({ status: 'in_preparation' }).where('id', 'in', lineIds).execute();
    for (const orderId of new Set(rows.map((row) => row.order_id))) {
      const ofOrder = rows.filter((row) => row.order_id === orderId).map((row) => row.id);
      await auditWrite(trx, 'warehouse', 'warehouse.lines.prepare', { type: 'order', id: orderId }, { lineIds: ofOrder }, now);
    }
    return { lines: await warehouseLines(trx, lineIds) };
  });
}

/** The lines `ids` as the warehouse sees them, in queue order. */
export async function warehouseLines(db: Kysely<Database>, ids: readonly string[]): Promise<WarehouseLine[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('order_lines')
    .innerJoin('orders', 'orders.id', 'order_lines.order_id')
    .innerJoin('products', 'products.id', 'order_lines.product_id')
    .select([
      'order_lines.id',
      'order_lines.order_id',
      'orders.order_number',
      'order_lines.line_no',
      'products.article_number',
      'order_lines.qty',
      'order_lines.cancelled_qty',
      'order_lines.status',
      'products.bulky',
      'orders.placed_at',
    ])
    .where('order_lines.id', 'in', ids)
    .orderBy('orders.placed_at')
    .orderBy('order_lines.order_id')
    .orderBy('order_lines.line_no')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    orderId: row.order_id,
    orderNumber: row.order_number,
    lineNo: row.line_no,
    articleNumber: row.article_number,
    qty: row.qty,
    cancelledQty: row.cancelled_qty,
    status: row.status,
    bulky: row.bulky,
    placedAt: row.placed_at,
  }));
}
