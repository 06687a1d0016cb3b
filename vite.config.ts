import adapter from '@sveltejs/adapter-static';
import { sveltekit } from '@sveltejs/kit/vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { CSP_DIRECTIVES } from './src/lib/security/csp.ts';

export default defineConfig({
	plugins: [
		sveltekit({
			adapter: adapter({ strict: true, precompress: true }),
			csp: {
				mode: 'hash',
				directives: structuredClone(CSP_DIRECTIVES) as never
			}
		})
	],
	resolve: {
		alias: {
			'@stdlib/assert-has-generator-support': fileURLToPath(
				new URL('./src/lib/shims/has-generator-support.cjs', import.meta.url)
			)
		}
	},
	build: { chunkSizeWarningLimit: 1024 },
	worker: { format: 'es' }
});
