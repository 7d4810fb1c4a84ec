/**
 * GET /api/openapi.json — anyone: the API's OpenAPI 3.1 document, generated from the route table and the
 * zod schemas the handlers use (http/openapi.ts). No token: a client generator, an API gateway or Power
 * Automate reads it before anyone signs in. The security schemes follow the settings (Entra ID or dev tokens).
 */
import { z } from 'zod';
import { endpoint } from '../http/handler';
import { openApiDocument, type OpenApiDocument } from '../http/openapi';
import { registerHttp, routes } from '../http/register';
import { json } from '../http/responses';
import type { Services } from '../services';

/** The document per services (settings do not change while an instance runs). */
const documents = new WeakMap<Services, OpenApiDocument>();

export const openApiGet = endpoint(async (call) => {
  let document = documents.get(call.services);
  if (!document) {
    document = openApiDocument(routes, call.services.authConfig);
    documents.set(call.services, document);
  }
  return json(200, document, { 'cache-control': 'no-cache' });
});

registerHttp({
  name: 'openapi-get',
  methods: ['GET'],
  route: 'openapi.json',
  handler: openApiGet,
  doc: {
    summary: 'This document',
    description: 'The OpenAPI 3.1 document of the API, generated from the zod schemas the handlers use',
    tag: 'meta',
    access: 'anyone',
    responses: {
      200: {
        description: 'The document',
        json: z.looseObject({
          openapi: z.string().regex(/^3\.1\.\d+$/),
          info: z.looseObject({}),
          paths: z.record(z.string(), z.unknown()),
        }),
      },
    },
  },
});
