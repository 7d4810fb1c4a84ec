/** The unit project (jest.config.js) starts nothing: Azurite and Chromium are refused there. */
import { chromium } from 'playwright-core';
import { startAzurite } from '../../scripts/lib/azurite';

test('a unit test cannot start Azurite or Chromium', async () => {
  await expect(async () => startAzurite()).rejects.toThrow(/INTEGRATION in jest.config.js/);
  await expect(async () => chromium.launch()).rejects.toThrow(/INTEGRATION in jest.config.js/);
});
