import { defineConfig } from 'vitest/config';

/** End-to-end tests: the built site in headless Chromium, one test file at a time. */
export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.spec.ts'],
		environment: 'node',
		globalSetup: ['tests/e2e/global-setup.ts'],
		fileParallelism: false,
		testTimeout: 90_000,
		hookTimeout: 90_000
	}
});
