import { APP_VERSION } from '../version.ts';

/** What a citation of one view names. */
export interface CitedView {
	/** The view's title, e.g. "Usage and access". */
	readonly title: string;
	/** The view's full URL, query included, so the citation reproduces it. */
	readonly url: string;
	readonly dataVersion: string;
	/** When the view was seen, as an ISO date (YYYY-MM-DD). */
	readonly accessed: string;
}

export interface Citation {
	readonly text: string;
	readonly bibtex: string;
}

/** BibTeX's special characters, escaped so a title cannot break the entry. */
function bibtexEscape(value: string): string {
	return value.replace(/[\\{}%&#$_^~]/g, (c) =>
		c === '\\' ? '\\textbackslash{}' : c === '^' || c === '~' ? `\\${c}{}` : `\\${c}`
	);
}

/**
 * "Cite this view": a plain-text line and a BibTeX entry naming the project, app version, view,
 * data version, URL and access date. The BibTeX key is stable for one view on one day.
 */
export function citeView(view: CitedView): Citation {
	const year = view.accessed.slice(0, 4);
	const text =
		`Adoption Gap ${APP_VERSION}. “${view.title}”, data version ${view.dataVersion}. ` +
		`${view.url} (accessed ${view.accessed}).`;
	const key = `adoptiongap-${view.dataVersion}-${view.accessed}`;
	const bibtex = [
		`@misc{${key},`,
		`  author = {{Adoption Gap contributors}},`,
		`  title = {{Adoption Gap: ${bibtexEscape(view.title)}}},`,
		`  year = {${year}},`,
		`  version = {${APP_VERSION}},`,
		`  howpublished = {\\url{${view.url.replace(/[%#]/g, '\\$&')}}},`,
		`  note = {Data version ${bibtexEscape(view.dataVersion)}; accessed ${view.accessed}}`,
		`}`
	].join('\n');
	return { text, bibtex };
}
