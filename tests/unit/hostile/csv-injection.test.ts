import { describe, expect, it } from 'vitest';
import { rejectedRowsCsv } from '#lib/ingest/report.ts';

describe('the rejected-rows download never carries a live spreadsheet formula', () => {
	it("prefixes = + @ tab, CR and non-numeric - with ' (OWASP CSV injection), keeps numbers", () => {
		const csv = rejectedRowsCsv({
			header: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
			rejected: [
				{
					line: 2,
					fields: ['=1+1', '+cmd', '@SUM(A1)', '-2+3+cmd', '-5', '-0.25', 'plain'],
					reasons: [{ column: 'a', value: '=1+1', code: 'not_a_number', message: 'm' }]
				}
			]
		});
		// Expected by hand: the four formula-like cells get a leading ', the numbers and text do not.
		expect(csv.split('\r\n')[1]).toBe("'=1+1,'+cmd,'@SUM(A1),'-2+3+cmd,-5,-0.25,plain,2,a,m");
	});
});
