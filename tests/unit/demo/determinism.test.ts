import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData, type DemoData } from '#lib/demo/generate.ts';
import { sha256Hex } from '#lib/demo/manifest.ts';

let first: DemoData;
let second: DemoData;
let otherSeed: DemoData;
beforeAll(async () => {
	first = await generateDemoData({ seed: 2024 });
	second = await generateDemoData({ seed: 2024 });
	otherSeed = await generateDemoData({ seed: 7 });
});

const hashes = (data: DemoData) => Object.fromEntries(data.files.map((f) => [f.name, f.sha256]));

describe('generateDemoData', () => {
	it('is byte-identical for the same seed, file by file and manifest', () => {
		expect(hashes(second)).toEqual(hashes(first));
		expect(second.manifestText).toBe(first.manifestText);
	});

	it('hashes each file with SHA-256 of its text', async () => {
		for (const file of first.files) expect(file.sha256).toBe(await sha256Hex(file.text));
		// Independent check of the hash function: the SHA-256 test vector for "abc" (FIPS 180-2).
		expect(await sha256Hex('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
	});

	it('differs for another seed in every random file and in data_version', () => {
		const a = hashes(first);
		const b = hashes(otherSeed);
		for (const name of ['districts.csv', 'survey_responses.csv', 'usage_student_week.csv']) {
			expect(b[name]).not.toBe(a[name]);
		}
		// Constants-only files do not depend on the seed.
		expect(b['products.csv']).toBe(a['products.csv']);
		expect(otherSeed.manifest.data_version).not.toBe(first.manifest.data_version);
		expect(otherSeed.manifest.seed).toBe(7);
	});

	it('writes canonical text: LF line ends, header first, no timestamps in the manifest', () => {
		for (const file of first.files) {
			expect(file.text.includes('\r')).toBe(false);
			expect(file.text.endsWith('\n')).toBe(true);
			expect(file.text.split('\n').length - 2).toBe(file.rows);
		}
		expect(first.manifestText).not.toMatch(/20\d\d-\d\d-\d\dT/);
		expect(first.manifest.data_version).toMatch(/^[0-9a-f]{12}$/);
	});
});
