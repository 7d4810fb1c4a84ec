/** GET /api/health — anyone: `{status:"ok"}` plus whether storage answers. */
import { HealthAnswerSchema } from '../../../shared/src';
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { registerHttp } from '../http/register';
import { json } from '../http/responses';
import { getServices } from '../services';

export async function healthGet(_request: HttpRequest): Promise<HttpResponseInit> {
  const storage = await getServices()
    .then((s) => s.pingStorage())
    .catch(() => false);
  return json(storage ? 200 : 503, {
    status: storage ? 'ok' : 'degraded',
    storage: storage ? 'reachable' : 'unreachable',
  });
}

registerHttp({
  name: 'health-get',
  methods: ['GET'],
  route: 'health',
  handler: healthGet,
  doc: {
    summary: 'Whether the API and its storage answer',
    tag: 'meta',
    access: 'anyone',
    responses: {
      200: {
        description: 'Storage reachable',
        json: HealthAnswerSchema,
        example: { status: 'ok', storage: 'reachable' },
      },
      503: { description: 'Storage unreachable', json: HealthAnswerSchema },
    },
  },
});
