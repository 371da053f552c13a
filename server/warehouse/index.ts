export { registerWarehouseRoutes } from './routes';
