import type { FastifyInstance } from 'fastify';
import { withStatus, type ShopDeps } from '../shop';
import { installSideAuth } from '../shop/keys';
import { pathRef } from '../shop/support';
import { lineQueue, prepareLines } from './lines';
import { deliver, listShipments, ship } from './shipments';

/** Registers the warehouse's endpoints under `/v1/warehouse/…` (docs/shop-api.md), behind the warehouse key. */
export function registerWarehouseRoutes(app: FastifyInstance, deps: ShopDeps): void {
  installSideAuth(app, 'warehouse', deps);
  app.get('/v1/warehouse/lines', (request) => lineQueue(deps, request.query));
  app.post('/v1/warehouse/lines/prepare', (request) => prepareLines(deps, request.body));
  app.get('/v1/warehouse/shipments', (request) => listShipments(deps, request.query));
  app.post('/v1/warehouse/shipments', (request, reply) => withStatus(reply, 201, ship(deps, request.body)));
  app.post('/v1/warehouse/shipments/:shipmentId/deliver', (request) => deliver(deps, pathRef(request.params, 'shipmentId', 'shipment'), request.body));
}
