import { defineConfig } from 'vitest/config';
import { workspaceAliases } from './vitest.config.js';

// Browser stories: Debian Chromium through playwright-core against a real server and agent.
export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    include: ['apps/web/e2e/**/*.e2e.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    globalSetup: ['./test/global-setup.ts'],
  },
});
