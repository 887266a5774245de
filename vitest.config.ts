import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    // PGlite initdb costs ~3 s per fresh database; tests share a migrated template and clone it.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine.
    // The test processes are the busy ones (PGlite runs inside them), so use every core.
    maxWorkers: availableParallelism(),
    // Test files share a worker's module cache (the app's imports cost ~3 s a file); no
    // test mocks modules, and each test opens its own database.
    isolate: false,
  },
});
