/** The domain core shared by the add-in and the function app. Pure TypeScript, no I/O. */
export * from './schemas';
export * from './text';
export * from './periods';
export * from './units';
export * from './rules';
export * from './template';
export * from './validation';
export * from './rollup';
export * from './i18n/messages';
export * from './i18n/labels';
export * from './sheet/model';
export * from './sheet/cells';
export * from './sheet/template-sheet';
export * from './sheet/summary-sheets';
export * from './campaign-bundle';
export * from './template-definition';
export * from './registry-sheets';
