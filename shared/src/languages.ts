/**
 * The languages the product speaks. Its own module, free of zod, so code that only needs the list (the
 * pane's first screen renders texts with it) does not pull in the schemas (docs/architecture.md, "Add-in build").
 */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
