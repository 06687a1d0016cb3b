import { describe, expect, it } from 'vitest';
import { citeView } from '#lib/export/cite.ts';
import { APP_VERSION } from '#lib/version.ts';

describe('citeView', () => {
	const view = {
		title: 'Usage and access',
		url: 'https://example.org/usage?v=a4d647e571cc&state=CA,TX',
		dataVersion: 'a4d647e571cc',
		accessed: '2026-11-22'
	};

	it('names the app version, view, data version, URL and access date in one line', () => {
		expect(citeView(view).text).toBe(
			`Adoption Gap ${APP_VERSION}. “Usage and access”, data version a4d647e571cc. ` +
				'https://example.org/usage?v=a4d647e571cc&state=CA,TX (accessed 2026-11-22).'
		);
	});

	it('writes a BibTeX entry whose key is stable for one view on one day', () => {
		expect(citeView(view).bibtex).toBe(
			[
				'@misc{adoptiongap-a4d647e571cc-2026-11-22,',
				'  author = {{Adoption Gap contributors}},',
				'  title = {{Adoption Gap: Usage and access}},',
				'  year = {2026},',
				`  version = {${APP_VERSION}},`,
				'  howpublished = {\\url{https://example.org/usage?v=a4d647e571cc&state=CA,TX}},',
				'  note = {Data version a4d647e571cc; accessed 2026-11-22}',
				'}'
			].join('\n')
		);
	});

	it('escapes characters that would break the entry', () => {
		const { bibtex } = citeView({
			...view,
			title: 'Cost {per} 100% & #1 $ a_b',
			url: 'https://example.org/x?q=%7B#top'
		});
		expect(bibtex).toContain('title = {{Adoption Gap: Cost \\{per\\} 100\\% \\& \\#1 \\$ a\\_b}},');
		expect(bibtex).toContain('howpublished = {\\url{https://example.org/x?q=\\%7B\\#top}},');
	});
});
