import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { findPeers } from '#lib/peers/find-peers.ts';
import type { PeerOptions } from '#lib/peers/options.ts';
import { createSchemaDatabase, loadCsv } from '../../helpers/schema-db.ts';

/** Distances and orders are worked by hand in tests/fixtures/peers/README.md. */
let db: Database;
beforeAll(async () => {
	db = await createSchemaDatabase();
	for (const file of ['districts.csv', 'districts-saipe-only.csv']) {
		const csv = readFileSync(new URL(`../../fixtures/peers/${file}`, import.meta.url), 'utf8');
		await loadCsv(db, 'districts', csv);
	}
});
afterAll(() => db.close());

const D01 = { leaid: '0100001', schoolYearStart: 2024 } as const;
const short = (leaid: string) => `d${leaid.slice(-2)}`;

async function peersOf(options: Partial<PeerOptions> = {}) {
	const group = await findPeers(db, { ...D01, ...options });
	return { group, ids: group.peers.map((p) => short(p.leaid)) };
}

describe('findPeers — nearest neighbours and relaxations', () => {
	it('stays in locale group and region when there are enough candidates; ties by |Δenrollment|, then leaid', async () => {
		const { group, ids } = await peersOf({ kMin: 3, k: 3 });
		expect(ids).toEqual(['d02', 'd03', 'd05']);
		expect(group.relaxations).toEqual([]);
		expect(group.candidates).toBe(4);
		expect(group.peers.map((p) => p.distance)).toEqual([
			expect.closeTo(0.316228, 6),
			expect.closeTo(0.316228, 6),
			expect.closeTo(1.494434, 6)
		]);
	});

	it('puts the universe statistics where the README has them', async () => {
		const { group } = await peersOf({ kMin: 3, k: 3 });
		expect(group.target).toMatchObject({ poverty_percentile: 50, z_size: 0, z_poverty: 0 });
		const d05 = group.peers[2];
		expect(d05?.poverty_percentile).toBeCloseTo(30, 9);
		expect(d05?.z_size).toBeCloseTo(-1.354006, 6);
		expect(d05?.z_poverty).toBeCloseTo(-20 / 31.622777, 6);
	});

	it('drops the region constraint first', async () => {
		const { group, ids } = await peersOf({ kMin: 5 });
		expect(group.relaxations).toEqual(['dropped_region']);
		expect(ids).toEqual(['d02', 'd03', 'd05', 'd04', 'd06', 'd07']);
		expect(group.peers.map((p) => p.distance).slice(4)).toEqual([
			expect.closeTo(1.65328, 5),
			expect.closeTo(1.852926, 6)
		]);
	});

	it('then admits the adjacent locale group with a +1.0 distance penalty', async () => {
		const { group, ids } = await peersOf({ kMin: 7 });
		expect(group.relaxations).toEqual(['dropped_region', 'adjacent_locale']);
		expect(ids).toEqual(['d02', 'd03', 'd05', 'd04', 'd06', 'd07', 'd08', 'd09']);
		const suburb = group.peers.slice(6).map((p) => [p.penalty, p.distance]);
		expect(suburb).toEqual([
			[1, expect.closeTo(2.264911, 6)],
			[1, expect.closeTo(2.65328, 5)]
		]);
	});

	it('reports a short group when even every relaxation leaves fewer than 10 (defaults)', async () => {
		const { group, ids } = await peersOf();
		expect(ids).toHaveLength(8);
		expect(group).toMatchObject({ short: true, candidates: 8, basis: 'locale_region' });
		expect(group.options).toMatchObject({ k: 20, kMin: 10, weights: { size: 1, poverty: 1 } });
	});

	it('applies configurable weights; equal distances fall to |Δenrollment|, then leaid', async () => {
		const { group, ids } = await peersOf({ kMin: 7, weights: { size: 1, poverty: 0 } });
		expect(ids).toEqual(['d02', 'd03', 'd08', 'd05', 'd07', 'd04', 'd06', 'd09']);
		expect(group.peers.map((p) => p.distance)).toEqual(
			[0, 0, 1, 1.354006, 1.354006, 1.354006, 1.354006, 2.354006].map((d) => expect.closeTo(d, 6))
		);
	});

	it('never lists the chosen district among its own peers', async () => {
		const universe = ['0100001', '0100002', '0100003', '1300004', '1300005', '3900006'];
		universe.push('3900007', '0100008', '3900009', '0100010', '0100011');
		for (const leaid of universe) {
			const group = await findPeers(db, { leaid, schoolYearStart: 2024, kMin: 20 });
			expect(group.peers.map((p) => p.leaid)).not.toContain(leaid);
		}
	});

	it('is deterministic', async () => {
		const first = await peersOf({ kMin: 7, weights: { size: 1, poverty: 0 } });
		const second = await peersOf({ kMin: 7, weights: { size: 1, poverty: 0 } });
		expect(second.group.peers).toEqual(first.group.peers);
	});
});

describe('findPeers — adjustable scope', () => {
	it('`locale` keeps the locale group in any region; region is not a relaxation then', async () => {
		const { group, ids } = await peersOf({ scope: 'locale', kMin: 3 });
		expect(ids).toEqual(['d02', 'd03', 'd05', 'd04', 'd06', 'd07']);
		expect(group.relaxations).toEqual([]);
		expect(group.criteria.slice(0, 3)).toEqual([
			'same school year',
			'same locale group',
			'any Census region'
		]);
		const wider = await peersOf({ scope: 'locale', kMin: 7 });
		expect(wider.group.relaxations).toEqual(['adjacent_locale']);
		expect(wider.ids).toEqual(['d02', 'd03', 'd05', 'd04', 'd06', 'd07', 'd08', 'd09']);
	});

	it('`national` ranks every district of the universe with no locale penalty', async () => {
		const { group, ids } = await peersOf({ scope: 'national' });
		expect(ids).toEqual(['d02', 'd03', 'd08', 'd05', 'd04', 'd11', 'd06', 'd09', 'd07', 'd10']);
		expect(group).toMatchObject({ relaxations: [], candidates: 10, short: false });
		expect(group.peers.map((p) => p.distance)).toEqual(
			[0.316228, 0.316228, 1.264911, 1.494434, 1.494434, 1.581139, 1.65328, 1.65328]
				.concat([1.852926, 2.081666])
				.map((d) => expect.closeTo(d, 5))
		);
		expect(group.criteria[1]).toBe('any locale group and Census region');
	});

	it('`national` band mode drops the locale group from the window', async () => {
		const { ids } = await peersOf({
			scope: 'national',
			method: 'band',
			band: { percentilePoints: 40, sizeRatio: 2 }
		});
		expect(ids).toEqual(['d02', 'd03', 'd08']);
	});
});

describe('findPeers — band mode (SEDA-like)', () => {
	it('finds nobody within ±5 percentile points when the nearest are 10 apart', async () => {
		const { group } = await peersOf({ method: 'band' });
		expect(group.peers).toEqual([]);
		expect(group.criteria).toContain('poverty percentile within ±5 points');
	});

	it('includes the window edges: ±10 points, and ×10 enrollment but not ×9', async () => {
		expect(
			(await peersOf({ method: 'band', band: { percentilePoints: 10, sizeRatio: 2 } })).ids
		).toEqual(['d02', 'd03']);
		const wide = await peersOf({ method: 'band', band: { percentilePoints: 40, sizeRatio: 10 } });
		expect(wide.ids).toEqual(['d02', 'd03', 'd05', 'd04', 'd06', 'd07']);
		const narrower = await peersOf({
			method: 'band',
			band: { percentilePoints: 40, sizeRatio: 9 }
		});
		expect(narrower.ids).toEqual(['d02', 'd03']);
	});
});

describe('findPeers — SAIPE-only fallback', () => {
	it('matches within the state on poverty and log children 5–17, and says so', async () => {
		const group = await findPeers(db, { leaid: '0100101', schoolYearStart: 2025 });
		expect(group.basis).toBe('state_child_population');
		expect(group.fallbackReason).toMatch(/no locale or enrollment/);
		expect(group.criteria).toContain('same state');
		expect(group).toMatchObject({ relaxations: [], candidates: 4, short: true });
		expect(group.peers.map((p) => [short(p.leaid), p.distance])).toEqual([
			['d06', expect.closeTo(0.622171, 6)],
			['d03', expect.closeTo(1.732051, 6)],
			['d02', expect.closeTo(1.732051, 6)],
			['d07', expect.closeTo(2.488684, 6)]
		]);
		expect(group.target.poverty_percentile).toBeCloseTo(20, 9);
	});
});

describe('findPeers — refusals', () => {
	it('throws for an unknown district and for one without a poverty measure', async () => {
		await expect(findPeers(db, { leaid: '0199999', schoolYearStart: 2024 })).rejects.toThrow(
			/unknown district/
		);
		await expect(findPeers(db, { leaid: '0100013', schoolYearStart: 2024 })).rejects.toThrow(
			/outside the peer universe/
		);
	});
});
