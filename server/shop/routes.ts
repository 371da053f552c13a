import type { FastifyInstance, FastifyReply } from 'fastify';
import { submitContactMessage } from './contact';
import { installSideAuth } from './keys';
import { activateNewShop, submitMigrationForm } from './migration';
import { oldShopLogin } from './oldShop';
import type { ShopDeps } from './options';
import { placeOrder } from './orders';
import { customerPrices } from './prices';
import { acceptQuote, commentOnQuote, requestQuote } from './quotes';
import { loadAccount, sampleCustomers, sampleProducts, sampleQuotes } from './reads';
import { requestReturn } from './returns';
import { pathRef } from './support';
import { loadOrderView, loadQuoteView } from './views';

/** Registers the webshop's endpoints under `/v1/shop/…` (docs/shop-api.md), all behind the shop key. */
export function registerShopRoutes(app: FastifyInstance, deps: ShopDeps): void {
  installSideAuth(app, 'shop', deps);

  app.get('/v1/shop/customers', (request) => sampleCustomers(deps, request.query));
  app.get('/v1/shop/customers/:customerNumber', (request) => loadAccount(deps, pathRef(request.params, 'customerNumber', 'customer')));
  app.post('/v1/shop/customers/:customerNumber/migration-form', (request, reply) =>
    withStatus(reply, 200, submitMigrationForm(deps, pathRef(request.params, 'customerNumber', 'customer'), request.body)),
  );
  app.post('/v1/shop/customers/:customerNumber/activation', (request, reply) =>
    withStatus(reply, 200, activateNewShop(deps, pathRef(request.params, 'customerNumber', 'customer'), request.body)),
  );
  app.get('/v1/shop/customers/:customerNumber/prices', (request) =>
    customerPrices(deps, pathRef(request.params, 'customerNumber', 'customer'), request.query),
  );
  // The old webshop's login, played here so the move can be followed from the customer's side.
  app.post('/v1/shop/old-shop/login', (request) => oldShopLogin(deps, request.body));
  app.get('/v1/shop/products', (request) => sampleProducts(deps, request.query));
  app.post('/v1/shop/project-lists/:projectListId/quote-request', (request, reply) =>
    withStatus(reply, 201, requestQuote(deps, pathRef(request.params, 'projectListId', 'project list'), request.body)),
  );
  app.get('/v1/shop/quotes', (request) => sampleQuotes(deps, request.query));
  app.get('/v1/shop/quotes/:quoteId', (request) => loadQuoteView(deps.db, pathRef(request.params, 'quoteId', 'quote')));
  app.post('/v1/shop/quotes/:quoteId/comments', (request, reply) =>
    withStatus(reply, 201, commentOnQuote(deps, pathRef(request.params, 'quoteId', 'quote'), request.body)),
  );
  app.post('/v1/shop/quotes/:quoteId/accept', (request, reply) =>
    withStatus(reply, 201, acceptQuote(deps, pathRef(request.params, 'quoteId', 'quote'), request.body)),
  );
  app.post('/v1/shop/orders', (request, reply) => withStatus(reply, 201, placeOrder(deps, request.body)));
  app.get('/v1/shop/orders/:orderId', (request) => loadOrderView(deps.db, pathRef(request.params, 'orderId', 'order')));
  app.post('/v1/shop/contact-messages', (request, reply) => withStatus(reply, 201, submitContactMessage(deps, request.body)));
  app.post('/v1/shop/returns', (request, reply) => withStatus(reply, 201, requestReturn(deps, request.body)));
}

/** Answers with `status` once `work` is done (its errors go to the error handler as thrown). */
export async function withStatus<T>(reply: FastifyReply, status: number, work: Promise<T>): Promise<T> {
  const result = await work;
  void reply.code(status);
  return result;
}
