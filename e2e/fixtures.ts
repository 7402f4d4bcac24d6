import { test as base, expect } from "@playwright/test";

/** Every test talks to the dashboard that global-setup started. */
export const test = base.extend({
  baseURL: async ({}, use) => {
    const url = process.env.FANLINE_BASE_URL;
    if (!url) throw new Error("FANLINE_BASE_URL is not set: run the e2e tests through `npm run test:e2e`.");
    await use(url);
  },
});

export { expect };
