/** Entry point of the task pane: waits for Office, then renders the app with the office.js gateway. */
import { createRoot } from 'react-dom/client';
import { officeExcelGateway } from '../excel/gateway';
import { App } from './App';

function render() {
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<App gateway={officeExcelGateway} />);
}

const office = (globalThis as { Office?: { onReady(cb: () => void): void } }).Office;
if (office) office.onReady(render);
else render();
