import { randomUUID } from 'node:crypto';
import { contactMessageRequestSchema, type ShopContactMessage } from '../../electron/shared/protocol/shop';
import { parseBody } from '../errors';
import type { ShopDeps } from './options';
import { auditWrite, customerById, customerByNumber, notFound } from './support';

/**
 * `POST /v1/shop/contact-messages`, the contact form: a message to customer service. A customer
 * number and an order number, when given, must exist (and belong together); they link the
 * message to the customer, the order and the customer's branch. Without them the message has no
 * branch and lands in everyone's inbox.
 */
export async function submitContactMessage(deps: ShopDeps, body: unknown): Promise<ShopContactMessage> {
  const request = parseBody(contactMessageRequestSchema, body);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    let customer = request.customerNumber === undefined ? undefined : await customerByNumber(trx, request.customerNumber);
    let orderId: string | null = null;
    if (request.orderNumber !== undefined) {
      const order = await trx.selectFrom('orders').select(['id', 'customer_id']).where('order_number', '=', request.orderNumber).executeTakeFirst();
      if (order === undefined || (customer !== undefined && order.customer_id !== customer.id)) {
        const whose = customer === undefined ? '' : ` for customer ${customer.customer_number}`;
        throw notFound(`There is no order ${request.orderNumber}${whose}. Check the order number, or leave it out.`);
      }
      orderId = order.id;
      customer ??= await customerById(trx, order.customer_id);
    }
    const id = randomUUID();
    const message = {
      id,
      customer_id: customer?.id ?? null,
      order_id: orderId,
      branch_id: customer?.branch_id ?? null,
      category: request.category,
      sender_name: request.senderName,
      sender_email: request.senderEmail,
      subject: request.subject,
      body: request.body,
      received_at: now.toISOString(),
      status: 'new' as const,
      assignee_id: null,
    };
    await trx.insertInto('contact_messages').values(message).execute();
    await auditWrite(trx, 'shop', 'shop.contact.submit', { type: 'contact_message', id }, { category: request.category, customerId: message.customer_id, orderId }, now);
    return { id, category: request.category, customerId: message.customer_id, orderId, branchId: message.branch_id, receivedAt: now.toISOString() };
  });
}
