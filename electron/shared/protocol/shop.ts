import { z } from 'zod';
import { quoteCommentBodySchema } from '../domain/quotes';
import { loyaltyTierSchema, migrationStateSchema, orderLineStatusSchema, quoteStatusSchema, syncRowSchemas } from '../sync/rows';

// The shop and warehouse side of the service (protocol.md, "The shop side"; docs/shop-api.md):
// what the customers' webshop and the warehouse send and get back. Requests are strict (unknown
// keys are a 400); money is integer øre, times ISO-8601 UTC, dates YYYY-MM-DD.

/** The most of one article on one order, quote or return line. */
export const MAX_LINE_QTY = 10_000;
/** The most lines one order, return or warehouse call may carry. */
export const MAX_LINES = 200;

// Ids and numbers reach SQL parameters: printable ASCII only, so U+0000 and friends (which
// PostgreSQL cannot store) are a 400 here rather than a 500 at the database.
const ref = z.string().min(1).max(100).regex(/^[\x21-\x7e]+$/, { error: 'must be printable ASCII without spaces' });

/** An id or human number in a path or body. */
export const shopRefSchema = ref;

function hasControlCharacter(value: string): boolean {
  // Tab and newlines belong in typed text; other control characters are paste accidents.
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

/** Text a person typed: trimmed, 1 … `max` characters, no control characters but tab and newlines. */
export function typedText(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !hasControlCharacter(value), { error: 'must not contain control characters' });
}

const qty = z.number().int().min(1).max(MAX_LINE_QTY);
const ore = z.number().int().nonnegative();
const time = z.iso.datetime({ offset: true });
const date = z.iso.date();

/** How the customer pays; fixed once the order exists. */
export const paymentMethodSchema = z.enum(['invoice', 'card', 'prepayment']);
/** Contact-form categories (the customer-service inbox). */
export const contactCategorySchema = syncRowSchemas.contact_messages.shape.category;

const checkoutFields = {
  userId: ref.optional(),
  paymentMethod: paymentMethodSchema,
  billingAddressId: ref,
  deliveryAddressId: ref,
  requestedDeliveryDate: date.optional(),
  partialDelivery: z.boolean().optional(),
};

function oneDeliveryOption(value: { requestedDeliveryDate?: string | undefined; partialDelivery?: boolean | undefined }): boolean {
  return !(value.requestedDeliveryDate !== undefined && value.partialDelivery === true);
}
const deliveryOptionError = { error: 'choose a requested delivery date or partial delivery, not both', path: ['partialDelivery'] };

function distinct(values: readonly string[]): boolean {
  return new Set(values).size === values.length;
}

/** `POST /v1/shop/project-lists/:projectListId/quote-request`. */
export const quoteRequestSchema = z.strictObject({ userId: ref.optional(), comment: quoteCommentBodySchema.optional() });
/** `POST /v1/shop/quotes/:quoteId/comments`. */
export const quoteCommentRequestSchema = z.strictObject({ userId: ref.optional(), body: quoteCommentBodySchema });
/** `POST /v1/shop/quotes/:quoteId/accept`: checkout of an answered quote. */
export const quoteAcceptRequestSchema = z.strictObject(checkoutFields).refine(oneDeliveryOption, deliveryOptionError);
/** `POST /v1/shop/orders`: quick order by article numbers. */
export const placeOrderRequestSchema = z
  .strictObject({
    customerNumber: ref,
    ...checkoutFields,
    lines: z.array(z.strictObject({ articleNumber: ref, qty })).min(1).max(MAX_LINES),
  })
  .refine(oneDeliveryOption, deliveryOptionError);
/** `POST /v1/shop/contact-messages`. */
export const contactMessageRequestSchema = z.strictObject({
  category: contactCategorySchema,
  senderName: typedText(200),
  senderEmail: z.email().max(254),
  subject: typedText(200),
  body: typedText(10_000),
  customerNumber: ref.optional(),
  orderNumber: ref.optional(),
});
/** `POST /v1/shop/returns`: a return (50 days, no reason needed) or a warranty claim (12 months, reason). */
export const returnRequestSchema = z
  .strictObject({
    orderId: ref,
    userId: ref.optional(),
    kind: z.enum(['return', 'warranty']),
    reason: typedText(2_000).optional(),
    ownCarrier: z.boolean().optional(),
    lines: z.array(z.strictObject({ orderLineId: ref, qty })).min(1).max(MAX_LINES),
  })
  .refine((value) => value.kind !== 'warranty' || value.reason !== undefined, { error: 'a warranty claim needs a reason', path: ['reason'] })
  .refine((value) => distinct(value.lines.map((line) => line.orderLineId)), { error: 'each order line at most once', path: ['lines'] });
/** `POST /v1/shop/customers/:customerNumber/migration-form` and `/activation`. */
export const migrationStepRequestSchema = z.strictObject({ userId: ref.optional() });

/** `POST /v1/shop/old-shop/login`: a company user logs into the old webshop with its own username. */
export const oldShopLoginRequestSchema = z.strictObject({ username: typedText(200) });

/** `POST /v1/warehouse/lines/prepare`. */
export const prepareLinesRequestSchema = z
  .strictObject({ lineIds: z.array(ref).min(1).max(MAX_LINES) })
  .refine((value) => distinct(value.lineIds), { error: 'each line at most once', path: ['lineIds'] });
/** `POST /v1/warehouse/shipments`: ship lines of one order, with tracking. */
export const shipRequestSchema = z
  .strictObject({ orderId: ref, lineIds: z.array(ref).min(1).max(MAX_LINES), carrier: typedText(100), trackingNumber: typedText(100) })
  .refine((value) => distinct(value.lineIds), { error: 'each line at most once', path: ['lineIds'] });
/** `POST /v1/warehouse/shipments/:shipmentId/deliver` (the body may be empty). */
export const deliverRequestSchema = z.strictObject({});

/** A quote line with its prices; `unitPriceOre` is what an order from the quote charges. */
export const shopQuoteLineSchema = z.strictObject({
  position: z.number().int(),
  articleNumber: z.string(),
  name: z.string(),
  qty: z.number().int().positive(),
  listPriceOre: ore,
  tierDiscountBp: z.number().int(),
  extraDiscountBp: z.number().int(),
  offeredPriceOre: ore.nullable(),
  unitPriceOre: ore,
  lineTotalOre: ore,
});

/** A quote as the customer sees it in the shop. */
export const shopQuoteSchema = z.strictObject({
  id: z.string(),
  number: z.string(),
  customerNumber: z.string(),
  projectListId: z.string().nullable(),
  status: quoteStatusSchema,
  requestedAt: time,
  dueAt: time,
  answeredAt: time.nullable(),
  validUntil: date.nullable(),
  messageToCustomer: z.string().nullable(),
  declineReason: z.string().nullable(),
  orderId: z.string().nullable(),
  lines: z.array(shopQuoteLineSchema),
  totalOre: ore,
  comments: z.array(z.strictObject({ id: z.string(), authorKind: z.enum(['customer', 'staff']), body: z.string(), createdAt: time })),
});

/** A shipment with its tracking. */
export const shipmentSchema = z.strictObject({
  id: z.string(),
  orderId: z.string(),
  carrier: z.string(),
  trackingNumber: z.string(),
  freightForwarder: z.boolean(),
  shippedAt: time,
  deliveredAt: time.nullable(),
});

/** An invoice: one per shipment, for what it carried. */
export const invoiceSchema = z.strictObject({ id: z.string(), number: z.string(), shipmentId: z.string(), amountOre: ore, issuedAt: time });

/** An order with its lines, shipments and invoices. */
export const shopOrderSchema = z.strictObject({
  id: z.string(),
  number: z.string(),
  customerNumber: z.string(),
  quoteId: z.string().nullable(),
  paymentMethod: paymentMethodSchema,
  billingAddressId: z.string().nullable(),
  deliveryAddressId: z.string().nullable(),
  requestedDeliveryDate: date.nullable(),
  partialDelivery: z.boolean(),
  bulkySurchargeOre: ore,
  placedAt: time,
  /** When the last line arrived, once every line not cancelled is delivered; else null. */
  completeDeliveryAt: time.nullable(),
  lines: z.array(
    z.strictObject({
      id: z.string(),
      lineNo: z.number().int(),
      articleNumber: z.string(),
      name: z.string(),
      bulky: z.boolean(),
      qty: z.number().int().positive(),
      cancelledQty: z.number().int().nonnegative(),
      unitPriceOre: ore,
      lineTotalOre: ore,
      status: orderLineStatusSchema,
      shipmentId: z.string().nullable(),
    }),
  ),
  totalOre: ore,
  shipments: z.array(shipmentSchema),
  invoices: z.array(invoiceSchema),
});

/** A contact-form message as stored, with what it was linked to. */
export const shopContactMessageSchema = z.strictObject({
  id: z.string(),
  category: contactCategorySchema,
  customerId: z.string().nullable(),
  orderId: z.string().nullable(),
  branchId: z.string().nullable(),
  receivedAt: time,
});

/** A return or warranty claim. */
export const shopReturnSchema = z.strictObject({
  id: z.string(),
  number: z.string(),
  orderId: z.string(),
  kind: z.enum(['return', 'warranty']),
  status: syncRowSchemas.returns.shape.status,
  reason: z.string().nullable(),
  ownCarrier: z.boolean(),
  requestedAt: time,
  lines: z.array(z.strictObject({ orderLineId: z.string(), qty: z.number().int().positive() })),
});

/** A customer's move to the new shop, after a migration step. */
export const shopMigrationSchema = z.strictObject({ customerNumber: z.string(), migrationState: migrationStateSchema, oldShopAccess: z.boolean() });

/** `GET /v1/shop/customers/:customerNumber/prices?articles=…`: the customer's prices, with its tier's discount. */
export const shopPricesSchema = z.strictObject({
  customerNumber: z.string(),
  tier: loyaltyTierSchema,
  tierDiscountBp: z.number().int(),
  /** In the order asked, each article once; `priceOre` = list less the tier discount (shared rounding). */
  prices: z.array(z.strictObject({ articleNumber: z.string(), listPriceOre: ore, priceOre: ore })),
});

/** The old webshop's answer to a login: whose account it is, and whether the move form shows. */
export const oldShopLoginSchema = z.strictObject({
  customerNumber: z.string(),
  /** True only while the move switch is on (`switched_on`): the form that starts the move. */
  migrationFormShown: z.boolean(),
});

/** A customer in a list. */
export const shopCustomerSummarySchema = z.strictObject({
  customerNumber: z.string(),
  name: z.string(),
  tier: loyaltyTierSchema,
  migrationState: migrationStateSchema,
});

/** A quote in a list. */
export const shopQuoteSummarySchema = z.strictObject({
  id: z.string(),
  number: z.string(),
  customerNumber: z.string(),
  status: quoteStatusSchema,
  validUntil: date.nullable(),
});

/** A customer's account page: addresses, users, project lists, recent quotes and orders. */
export const shopAccountSchema = z.strictObject({
  ...shopCustomerSummarySchema.shape,
  orgNumber: z.string(),
  tierDiscountBp: z.number().int(),
  oldShopAccess: z.boolean(),
  addresses: z.array(
    z.strictObject({
      id: z.string(),
      kind: z.enum(['business', 'billing', 'delivery']),
      name: z.string().nullable(),
      line1: z.string(),
      postalCode: z.string(),
      city: z.string(),
    }),
  ),
  users: z.array(z.strictObject({ id: z.string(), name: z.string(), email: z.string(), role: z.string(), newShopActivatedAt: time.nullable() })),
  projectLists: z.array(z.strictObject({ id: z.string(), name: z.string(), itemCount: z.number().int(), openQuoteId: z.string().nullable() })),
  quotes: z.array(shopQuoteSummarySchema),
  orders: z.array(z.strictObject({ id: z.string(), number: z.string(), placedAt: time, completeDeliveryAt: time.nullable() })),
});

/** `GET /v1/shop/customers`. */
export const shopCustomerListSchema = z.strictObject({ customers: z.array(shopCustomerSummarySchema) });
/** `GET /v1/shop/quotes`. */
export const shopQuoteListSchema = z.strictObject({ quotes: z.array(shopQuoteSummarySchema) });
/** `GET /v1/shop/products`. */
export const shopProductListSchema = z.strictObject({
  products: z.array(z.strictObject({ articleNumber: z.string(), name: z.string(), category: z.string(), listPriceOre: ore, bulky: z.boolean() })),
});

/** An order line in the warehouse's work queue. */
export const warehouseLineSchema = z.strictObject({
  id: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  lineNo: z.number().int(),
  articleNumber: z.string(),
  qty: z.number().int().positive(),
  cancelledQty: z.number().int().nonnegative(),
  status: orderLineStatusSchema,
  bulky: z.boolean(),
  placedAt: time,
});

/** `GET /v1/warehouse/lines` and `POST /v1/warehouse/lines/prepare`. */
export const warehouseLineListSchema = z.strictObject({ lines: z.array(warehouseLineSchema) });
/** `POST /v1/warehouse/shipments`. */
export const shipResponseSchema = z.strictObject({ shipment: shipmentSchema, invoice: invoiceSchema });
/** `POST /v1/warehouse/shipments/:shipmentId/deliver`. */
export const deliverResponseSchema = z.strictObject({ shipment: shipmentSchema });
/** `GET /v1/warehouse/shipments`. */
export const shipmentListSchema = z.strictObject({ shipments: z.array(shipmentSchema) });

/** The wire shape of `quoteRequestSchema`. */
export type QuoteRequest = z.infer<typeof quoteRequestSchema>;
/** The wire shape of `quoteAcceptRequestSchema`. */
export type QuoteAcceptRequest = z.infer<typeof quoteAcceptRequestSchema>;
/** The wire shape of `placeOrderRequestSchema`. */
export type PlaceOrderRequest = z.infer<typeof placeOrderRequestSchema>;
/** The wire shape of `contactMessageRequestSchema`. */
export type ContactMessageRequest = z.infer<typeof contactMessageRequestSchema>;
/** The wire shape of `returnRequestSchema`. */
export type ReturnRequest = z.infer<typeof returnRequestSchema>;
/** The wire shape of `shopQuoteSchema`. */
export type ShopQuote = z.infer<typeof shopQuoteSchema>;
/** The wire shape of `shopQuoteLineSchema`. */
export type ShopQuoteLine = z.infer<typeof shopQuoteLineSchema>;
/** The wire shape of `shopOrderSchema`. */
export type ShopOrder = z.infer<typeof shopOrderSchema>;
/** The wire shape of `shipmentSchema`. */
export type Shipment = z.infer<typeof shipmentSchema>;
/** The wire shape of `invoiceSchema`. */
export type Invoice = z.infer<typeof invoiceSchema>;
/** The wire shape of `shopContactMessageSchema`. */
export type ShopContactMessage = z.infer<typeof shopContactMessageSchema>;
/** The wire shape of `shopReturnSchema`. */
export type ShopReturn = z.infer<typeof shopReturnSchema>;
/** The wire shape of `shopMigrationSchema`. */
export type ShopMigration = z.infer<typeof shopMigrationSchema>;
/** The wire shape of `shopPricesSchema`. */
export type ShopPrices = z.infer<typeof shopPricesSchema>;
/** The wire shape of `oldShopLoginRequestSchema`. */
export type OldShopLoginRequest = z.infer<typeof oldShopLoginRequestSchema>;
/** The wire shape of `oldShopLoginSchema`. */
export type OldShopLogin = z.infer<typeof oldShopLoginSchema>;
/** The wire shape of `shopAccountSchema`. */
export type ShopAccount = z.infer<typeof shopAccountSchema>;
/** The wire shape of `shopCustomerSummarySchema`. */
export type ShopCustomerSummary = z.infer<typeof shopCustomerSummarySchema>;
/** The wire shape of `shopQuoteSummarySchema`. */
export type ShopQuoteSummary = z.infer<typeof shopQuoteSummarySchema>;
/** The wire shape of `shopProductListSchema`. */
export type ShopProductList = z.infer<typeof shopProductListSchema>;
/** The wire shape of `warehouseLineSchema`. */
export type WarehouseLine = z.infer<typeof warehouseLineSchema>;
/** The wire shape of `shipResponseSchema`. */
export type ShipResponse = z.infer<typeof shipResponseSchema>;
