import source from '../../../docs/methodology.md?raw';
import { renderMarkdown } from './markdown.ts';

export const prerender = true;

/** `docs/methodology.md`, the single source of the method, rendered at build time. */
export function load() {
	return renderMarkdown(source);
}
