import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Where @sparticuz/chromium is unpacked: the project's own folder, one per package version. */
const SPARTICUZ_CACHE = resolve('node_modules/.cache/sparticuz-chromium');

const ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/**
 * The Chromium to test with: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`, else the
 * headless shell inside the `@sparticuz/chromium` package (unpacked once into
 * `node_modules/.cache/sparticuz-chromium/<version>`). Logs which one it picked.
 */
export async function resolveChromium(): Promise<string> {
	const [path, source] = process.env.CHROMIUM_PATH
		? [process.env.CHROMIUM_PATH, 'CHROMIUM_PATH']
		: existsSync('/usr/bin/chromium')
			? ['/usr/bin/chromium', 'the system']
			: [await unpackSparticuzChromium(), '@sparticuz/chromium'];
	if (!existsSync(path)) throw new Error(`Chromium not found at ${path} (from ${source})`);
	console.log(`e2e: Chromium from ${source}: ${path}`);
	return path;
}

/**
 * Unpacks @sparticuz/chromium into a fresh folder, then renames it into place, so neither a
 * binary left in the system temp folder nor a half-unpacked one is ever used. The package unpacks
 * into `os.tmpdir()`, hence TMPDIR is pointed at that folder while it runs.
 */
export async function unpackSparticuzChromium(): Promise<string> {
	const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
	const { version } = createRequire(entry)('../package.json') as { version: string };
	const target = join(SPARTICUZ_CACHE, version);
	if (existsSync(join(target, 'chromium'))) return join(target, 'chromium');

	const staging = `${target}.partial-${process.pid}`;
	try {
		await unpackInto(staging);
		await rename(staging, target).catch((error: unknown) => {
			// Another run unpacked the same version meanwhile: use its copy.
			if (!existsSync(join(target, 'chromium'))) throw error;
		});
	} finally {
		await rm(staging, { recursive: true, force: true });
	}
	return join(target, 'chromium');
}

async function unpackInto(folder: string): Promise<void> {
	await mkdir(folder, { recursive: true });
	const previousTmpdir = process.env.TMPDIR;
	process.env.TMPDIR = folder;
	try {
		const { default: sparticuz } = await import('@sparticuz/chromium');
		await sparticuz.executablePath();
	} finally {
		if (previousTmpdir === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = previousTmpdir;
	}
}

/** A headless Chromium with a fresh profile; `close()` also deletes the profile. */
export type TestBrowser = { context: BrowserContext; close: () => Promise<void> };

/** Launches headless Chromium (from {@link resolveChromium}) with a fresh temporary profile. */
export async function launchBrowser(executablePath: string): Promise<TestBrowser> {
	const profile = await mkdtemp(join(tmpdir(), 'adoption-gap-e2e-'));
	const context = await chromium
		.launchPersistentContext(profile, { executablePath, headless: true, args: ARGS })
		.catch(async (error: unknown) => {
			await rm(profile, { recursive: true, force: true });
			throw error;
		});
	return {
		context,
		async close() {
			await context.close();
			await rm(profile, { recursive: true, force: true });
		}
	};
}
