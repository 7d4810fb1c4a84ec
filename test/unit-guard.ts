/**
 * Set up before every test of the `unit` project (jest.config.js): unit tests start nothing. A test that
 * starts Azurite or a browser belongs to the integration project, and fails here saying so.
 */
const refuse = (what: string) => () => {
  throw new Error(`A unit test started ${what}: list this test under INTEGRATION in jest.config.js.`);
};

jest.mock('../scripts/lib/azurite', () => ({
  ...jest.requireActual('../scripts/lib/azurite'),
  startAzurite: refuse('Azurite'),
}));

jest.mock('playwright-core', () => ({
  ...jest.requireActual('playwright-core'),
  chromium: { launch: refuse('Chromium') },
}));
