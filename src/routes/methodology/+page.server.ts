import source from '../../../docs/methodology.md?raw';
import { renderMarkdown } from './markdown.ts';

export const prerender = true;

/**
 * `docs/methodology.md`, the single source of the method, rendered at build time: the title and
 * introduction (before the first section) apart, so the contents can follow them.
 */
export function load() {
	const { html, headings } = renderMarkdown(source);
	const cut = html.indexOf('<h2');
	return { intro: html.slice(0, cut), body: html.slice(cut), headings };
}
