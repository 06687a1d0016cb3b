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
	// The site's public origin for links that leave the page (the board brief's QR code); unset,
	// the page's own origin is used at run time.
	define: { __PUBLIC_SITE_URL__: JSON.stringify(process.env.PUBLIC_SITE_URL ?? '') },
	build: { chunkSizeWarningLimit: 1024 },
	worker: { format: 'es' }
});
