/**
 * Renders the subset of Markdown that `docs/methodology.md` uses to HTML, at build time only
 * (the prerendered page ships the HTML, never this code). Blocks: ATX headings with
 * GitHub-style ids, paragraphs, `-` and `1.` lists (continuation lines indented), indented code
 * blocks and pipe tables. Inline: code spans, `**strong**`, `_emphasis_`, `[text](url)` and `<url>` links. Everything
 * else is text and is escaped; in particular a single `*` stays literal (the formulas use it).
 */

export type Heading = { level: number; text: string; id: string };
export type Rendered = { html: string; headings: Heading[] };

const HEADING = /^(#{1,6})\s+(.*)$/;
const BULLET = /^-\s+/;
const NUMBERED = /^\d+\.\s+/;
const CODE_INDENT = '    ';
/** `_text_` not inside a word (so `p_L` and `n_eff` stay literal), as in CommonMark. */
const EMPHASIS = /(^|[^\p{L}\p{N}_])_([^_\s](?:[^_]*[^_\s])?)_(?![\p{L}\p{N}_])/gu;
const TABLE_RULE = /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$/;

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;');
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function slug(text: string): string {
	return text
		.toLowerCase()
		.replace(/`/g, '')
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.trim()
		.replace(/\s/g, '-');
}

/** Inline Markdown: code spans verbatim, then strong and links in the remaining text. */
export function renderInline(text: string): string {
	return text
		.split(/(`[^`]+`)/)
		.map((part, i) => {
			if (i % 2 === 1) return `<code>${escapeHtml(part.slice(1, -1).replace(/\n/g, ' '))}</code>`;
			return escapeHtml(part)
				.replace(/&lt;(https?:\/\/[^\s&]+)&gt;/g, '<a href="$1">$1</a>')
				.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
				.replace(/\*\*(.+?)\*\*/gs, '<strong>$1</strong>')
				.replace(EMPHASIS, '$1<em>$2</em>');
		})
		.join('');
}

function tableRow(line: string): string[] {
	return line
		.trim()
		.replace(/^\||\|$/g, '')
		.split('|')
		.map((cell) => cell.trim());
}

function renderTable(lines: string[]): string {
	const [head, , ...body] = lines.map(tableRow);
	const th = head!.map((c) => `<th scope="col">${renderInline(c)}</th>`).join('');
	const rows = body.map((r) => `<tr>${r.map((c) => `<td>${renderInline(c)}</td>`).join('')}</tr>`);
	return `<div class="table-scroll"><table><thead><tr>${th}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** A list: items start with the marker; indented lines continue the item before them. */
function renderList(lines: string[], ordered: boolean): string {
	const marker = ordered ? NUMBERED : BULLET;
	const items: string[] = [];
	for (const line of lines) {
		if (marker.test(line)) items.push(line.replace(marker, ''));
		else items[items.length - 1] += `\n${line.trim()}`;
	}
	const tag = ordered ? 'ol' : 'ul';
	return `<${tag}>${items.map((item) => `<li>${renderInline(item)}</li>`).join('')}</${tag}>`;
}

/** Splits the source into blocks of consecutive lines of one kind, then renders each. */
export function renderMarkdown(source: string): Rendered {
	const lines = source.replace(/\r\n?/g, '\n').split('\n');
	const headings: Heading[] = [];
	const used = new Map<string, number>();
	const out: string[] = [];
	let i = 0;
	const takeWhile = (test: (line: string) => boolean) => {
		const start = i;
		while (i < lines.length && test(lines[i]!)) i++;
		return lines.slice(start, i);
	};
	while (i < lines.length) {
		const line = lines[i]!;
		const heading = HEADING.exec(line);
		if (line.trim() === '') {
			i++;
		} else if (heading) {
			const level = heading[1]!.length;
			const text = heading[2]!.trim();
			const base = slug(text);
			const seen = used.get(base) ?? 0;
			used.set(base, seen + 1);
			const id = seen ? `${base}-${seen}` : base;
			headings.push({ level, text, id });
			out.push(`<h${level} id="${escapeHtml(id)}">${renderInline(text)}</h${level}>`);
			i++;
		} else if (line.startsWith(CODE_INDENT)) {
			const code = takeWhile((l) => l.startsWith(CODE_INDENT) || l.trim() === '');
			while (code.at(-1)?.trim() === '') code.pop();
			const text = code.map((l) => l.slice(CODE_INDENT.length)).join('\n');
			out.push(`<pre><code>${escapeHtml(text)}</code></pre>`);
		} else if (line.startsWith('|') && TABLE_RULE.test(lines[i + 1] ?? '')) {
			out.push(renderTable(takeWhile((l) => l.startsWith('|'))));
		} else if (BULLET.test(line) || NUMBERED.test(line)) {
			const ordered = NUMBERED.test(line);
			const marker = ordered ? NUMBERED : BULLET;
			const items = takeWhile((l) => marker.test(l) || /^\s+\S/.test(l));
			out.push(renderList(items, ordered));
		} else {
			const block = takeWhile(
				(l) => l.trim() !== '' && !HEADING.test(l) && !BULLET.test(l) && !NUMBERED.test(l)
			);
			out.push(`<p>${renderInline(block.join('\n'))}</p>`);
		}
	}
	return { html: out.join('\n'), headings };
}
