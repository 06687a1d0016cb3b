import type { Page } from 'playwright-core';

/** What a page's HTML holds that the tests check. */
export type HtmlSummary = {
	/** `data-status` and `data-source` of `<main>`, or null without a `<main>`. */
	main: { status: string | null; source: string | null } | null;
	/** Text of each `[data-figure]` element (whitespace collapsed), by figure id. */
	figures: Record<string, string>;
	/** Content of the CSP meta tag, or null. */
	cspMeta: string | null;
	/** URLs of every resource the HTML makes the browser load (scripts, links, images, frames). */
	resourceUrls: string[];
};

/** `<link rel>` values that name a document rather than load one. */
const NON_LOADING_RELS = ['alternate', 'author', 'canonical', 'help', 'license', 'me'];

/** Parses HTML with the browser's DOMParser (scripts do not run) and summarizes it. */
export function inspectHtml(page: Page, html: string): Promise<HtmlSummary> {
	return page.evaluate(
		({ html, nonLoadingRels }) => {
			const doc = new DOMParser().parseFromString(html, 'text/html');
			const text = (element: Element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim();
			const main = doc.querySelector('main');
			const figures: Record<string, string> = {};
			for (const element of doc.querySelectorAll('[data-figure]')) {
				figures[element.getAttribute('data-figure') ?? ''] = text(element);
			}
			const links = [...doc.querySelectorAll('link[href]')].filter(
				(link) =>
					!(link.getAttribute('rel') ?? '').split(/\s+/).some((rel) => nonLoadingRels.includes(rel))
			);
			const sources = [
				...links.map((link) => link.getAttribute('href')),
				...[...doc.querySelectorAll('[src]')].map((element) => element.getAttribute('src')),
				...[...doc.querySelectorAll('object[data]')].map((element) => element.getAttribute('data')),
				...[...doc.querySelectorAll('[srcset]')].flatMap((element) =>
					(element.getAttribute('srcset') ?? '')
						.split(',')
						.map((item) => item.trim().split(/\s+/)[0])
				)
			];
			return {
				main: main && {
					status: main.getAttribute('data-status'),
					source: main.getAttribute('data-source')
				},
				figures,
				cspMeta:
					doc
						.querySelector('meta[http-equiv="content-security-policy" i]')
						?.getAttribute('content') ?? null,
				resourceUrls: sources.filter((url): url is string => Boolean(url))
			};
		},
		{ html, nonLoadingRels: NON_LOADING_RELS }
	);
}

/** A policy as directive name → sources, without hash sources (they vary with each build). */
export function policyWithoutHashes(policy: string): Record<string, string[]> {
	const directives: Record<string, string[]> = {};
	for (const directive of policy.split(';')) {
		const [name, ...sources] = directive.trim().split(/\s+/);
		if (name) directives[name] = sources.filter((source) => !source.startsWith("'sha")).sort();
	}
	return directives;
}

/** The figures shown in the live page right now, by figure id. */
export function liveFigures(page: Page): Promise<Record<string, string>> {
	return page.evaluate(() =>
		Object.fromEntries(
			[...document.querySelectorAll('[data-figure]')].map((element) => [
				element.getAttribute('data-figure') ?? '',
				(element.textContent ?? '').replace(/\s+/g, ' ').trim()
			])
		)
	);
}
