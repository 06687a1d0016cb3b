import type { BrowserContext, Page, Request, Response } from 'playwright-core';

/** A `securitypolicyviolation` event as seen by the page. */
export type CspViolation = { directive: string; blockedURI: string; sourceFile: string };

/** What a page did while a test drove it. */
export type PageRecord = {
	/** Every request URL, including those of the page's workers. */
	requests: string[];
	/** Every response, including those of the page's workers. */
	responses: Response[];
	/** Requests that failed at the network level (blocked, refused, aborted). */
	failedRequests: string[];
	/** `console.error` messages of the page and its workers. */
	consoleErrors: string[];
	/** Uncaught errors; CSP violations inside the DuckDB worker surface only here. */
	pageErrors: string[];
};

/** A page whose activity is being recorded, and the record so far. */
export type RecordedPage = { page: Page; record: PageRecord };

const VIOLATIONS_KEY = '__cspViolations';

/**
 * Opens a new page that records its requests, console errors, page errors and, through an init
 * script, `securitypolicyviolation` events (read them with {@link cspViolations}). Requests are
 * recorded on the context, which also sees the requests of the page's workers.
 */
export async function openRecordedPage(context: BrowserContext): Promise<RecordedPage> {
	const record: PageRecord = {
		requests: [],
		responses: [],
		failedRequests: [],
		consoleErrors: [],
		pageErrors: []
	};
	const page = await context.newPage();
	await page.addInitScript((key) => {
		const violations: unknown[] = [];
		Object.defineProperty(window, key, { value: violations });
		document.addEventListener('securitypolicyviolation', (event) => {
			violations.push({
				directive: event.effectiveDirective,
				blockedURI: event.blockedURI,
				sourceFile: event.sourceFile
			});
		});
	}, VIOLATIONS_KEY);
	const ownPage = (request: Request) => [page, null].includes(pageOf(request));
	context.on('request', (request) => {
		if (ownPage(request)) record.requests.push(request.url());
	});
	context.on('response', (response) => {
		if (ownPage(response.request())) record.responses.push(response);
	});
	context.on('requestfailed', (request) => {
		if (ownPage(request)) {
			record.failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`);
		}
	});
	page.on('console', (message) => {
		if (message.type() === 'error') record.consoleErrors.push(message.text());
	});
	page.on('pageerror', (error) => record.pageErrors.push(error.message));
	return { page, record };
}

/** The page that made a request, or null when it has none (e.g. a service worker's request). */
function pageOf(request: Request): Page | null {
	try {
		return request.frame().page();
	} catch {
		// Playwright throws for requests without a frame; they are kept, not attributed.
		return null;
	}
}

/** The `securitypolicyviolation` events the page has seen so far. */
export function cspViolations(page: Page): Promise<CspViolation[]> {
	return page.evaluate(
		(key) => (window as unknown as Record<string, CspViolation[]>)[key] ?? [],
		VIOLATIONS_KEY
	);
}
