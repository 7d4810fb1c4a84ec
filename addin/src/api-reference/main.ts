/** The API reference page (api-reference.html): fetches the OpenAPI document from the API and renders it. */
import { ApiClient } from '../api/client';
import { renderReference } from './render';

const root = document.getElementById('reference')!;
new ApiClient({ baseUrl: '/api', getToken: () => undefined })
  .openApiDocument()
  .then((doc) => {
    root.innerHTML = renderReference(doc);
  })
  .catch((e: unknown) => {
    root.textContent = String((e as Error).message ?? e);
  });
