export { addAdminRoutes } from './admin-routes.js';
export type { AdminRouteOptions } from './admin-routes.js';
export { addBudgetRoutes } from './budget-routes.js';
export type { BudgetRouteOptions } from './budget-routes.js';
export { addGatewayRoutes } from './gateway-routes.js';
export type { GatewayRouteOptions } from './gateway-routes.js';
export { createHttpServer, sendJson } from './http-server.js';
export { Router } from './router.js';
