/** Bundled for the browser test: installs the office.js fake as `window.Excel` before the task pane loads. */
import { createFakeExcel } from './fake-excel';

const fake = createFakeExcel();
(window as unknown as { Excel: unknown; __fake: unknown }).Excel = fake.Excel;
(window as unknown as { __fake: unknown }).__fake = fake;
