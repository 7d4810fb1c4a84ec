/**
 * Entry point of the task pane: asks the gateway where it runs (inside Excel or not, once office.js
 * is ready), then renders the app with it.
 */
import { createRoot } from 'react-dom/client';
import { connectExcel, noExcelGateway, type ExcelGateway } from '../excel/gateway';
import { App } from './App';

function render(gateway: ExcelGateway) {
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<App gateway={gateway} />);
}

connectExcel().then(render, () => render(noExcelGateway));
