import { Marked } from 'marked';

/**
 * Renders `docs/methodology.md` to HTML with marked (GitHub-flavoured), at build time only: the
 * prerendered page ships the HTML, never this code. Headings get GitHub's anchor ids, so the same
 * links work on GitHub and on the site; tables scroll sideways on small screens.
 */

export type Heading = { level: number; text: string; id: string };
export type Rendered = { html: string; headings: Heading[] };

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function slug(text: string): string {
	return text
		.toLowerCase()
		.replace(/`/g, '')
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.trim()
		.replace(/\s/g, '-');
}

export function renderMarkdown(source: string): Rendered {
	const headings: Heading[] = [];
	const used = new Map<string, number>();
	const marked = new Marked({
		gfm: true,
		renderer: {
			heading({ tokens, depth, text }) {
				const base = slug(text);
				const seen = used.get(base) ?? 0;
				used.set(base, seen + 1);
				const id = seen ? `${base}-${seen}` : base;
				headings.push({ level: depth, text, id });
				return `<h${depth} id="${id}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
			}
		}
	});
	const html = (marked.parse(source, { async: false }) as string)
		.replaceAll('<table>', '<div class="table-scroll"><table>')
		.replaceAll('</table>', '</table></div>')
		.replaceAll('<th>', '<th scope="col">');
	return { html, headings };
}
