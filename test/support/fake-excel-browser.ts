/**
 * Bundled for the browser test: installs the office.js fake as `window.Excel` (and the `Office` requirement-set
 * check, ExcelApi 1.18) before the task pane loads; a test may set `window.__fakeOptions` first (an init
 * script before this one) to play another host, e.g. one with nested app authentication.
 */
import { createFakeExcel, type FakeExcelOptions } from './fake-excel';

const options = (window as unknown as { __fakeOptions?: FakeExcelOptions }).__fakeOptions ?? {};
const fake = createFakeExcel(['Sheet1'], options);
(window as unknown as { Excel: unknown; Office: unknown; __fake: unknown }).Excel = fake.Excel;
(window as unknown as { Office: unknown }).Office = fake.Office;
(window as unknown as { __fake: unknown }).__fake = fake;
