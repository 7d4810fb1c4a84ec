/**
 * Registers an HTTP endpoint with the Functions runtime (`app.http`) and in a local route table, so
 * the same handlers are served by `func` in Azure and by the small local host (local-host.ts).
 */
import { app, type HttpHandler, type HttpMethod } from '@azure/functions';
import type { OperationDoc } from './api-doc';

export interface RouteDefinition {
  name: string;
  methods: HttpMethod[];
  /** Route below /api, with `{param}` segments, as the Functions runtime writes it. */
  route: string;
  handler: HttpHandler;
  /**
   * The operation as the OpenAPI document describes it (api-doc.ts, openapi.ts). Optional in the type so
   * that an endpoint can be written before its entry; test/openapi/document.test.ts fails on any route without one.
   */
  doc?: OperationDoc;
}

export const routes: RouteDefinition[] = [];

export function registerHttp(definition: RouteDefinition): void {
  routes.push(definition);
  // Outside the Functions worker, @azure/functions only warns that it cannot register: skip it there.
  if (process.env.FUNCTIONS_WORKER_RUNTIME) {
    app.http(definition.name, {
      methods: definition.methods,
      route: definition.route,
      authLevel: 'anonymous',
      handler: definition.handler,
    });
  }
}
