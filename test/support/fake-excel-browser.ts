/**
 * Bundled for the browser test: installs the office.js fake as `window.Excel` (and the `Office` requirement-set
 * check, ExcelApi 1.18) before the task pane loads.
 */
import { createFakeExcel } from './fake-excel';

const fake = createFakeExcel();
(window as unknown as { Excel: unknown; Office: unknown; __fake: unknown }).Excel = fake.Excel;
(window as unknown as { Office: unknown }).Office = fake.Office;
(window as unknown as { __fake: unknown }).__fake = fake;
