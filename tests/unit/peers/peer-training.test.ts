import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { peerTrainingShare } from '#lib/peers/peer-training.ts';
import { createSchemaDatabase, loadCsv } from '../../helpers/schema-db.ts';

/*
 * Expected values are hand-worked in tests/fixtures/survey/README.md: in fx-strat (fall 2024)
 * the survey's "low" districts are exactly the LEAIDs 0100001 (r01), 0100002 (r03), 0100003
 * (r07) and 0200010 (r11), so those LEAIDs as a peer group give the README's low estimate
 * p̂ = 60/75 = 0.8 with the Taylor variance 184/5625 on the full design. Wilson on
 * n_eff* = p̂(1 − p̂)/Var = 0.16 · 5625/184 = 4.891304 (§5.1 formula, worked in Python):
 * [0.371726, 0.964340]. fx-kish is domain-spec §5.2's own fixture.
 */
const fixture = (name: string) =>
	readFileSync(new URL(`../../fixtures/survey/${name}`, import.meta.url), 'utf8');

let db: Database;
beforeAll(async () => {
	db = await createSchemaDatabase();
	await loadCsv(db, 'districts', fixture('districts.csv'));
	await loadCsv(db, 'survey_responses', fixture('survey_responses.csv'));
});
afterAll(() => db.close());

const LOW = ['0100001', '0100002', '0100003', '0200010'];

describe('peerTrainingShare', () => {
	it('is the survey-weighted share of the peers, with the full-design Taylor interval', async () => {
		// 0199999 is not surveyed: it changes nothing.
		const row = await peerTrainingShare(db, {
			surveyId: 'fx-strat',
			wave: 'fall 2024',
			leaids: [...LOW, '0199999']
		});
		expect(row?.estimate_unsuppressed).toBeCloseTo(0.8, 12);
		expect(row?.se).toBeCloseTo(Math.sqrt(184 / 5625), 12);
		expect(row?.n_eff).toBeCloseTo(900 / 184, 9);
		expect(row?.lo).toBeCloseTo(0.371726, 6);
		expect(row?.hi).toBeCloseTo(0.96434, 5);
		expect(row?.n_unweighted).toBe(4);
		// n_eff* < 30: reporting standards not met (§5.5), so the estimate itself is withheld.
		expect(row).toMatchObject({ reliability: 'unreliable', estimate: null });
	});

	it('leaves out peers without an answer and reports their weighted share', async () => {
		// r06 (0200006) answered "don't know" (w 5); r05 (0200007) trained (w 5).
		const row = await peerTrainingShare(db, {
			surveyId: 'fx-strat',
			wave: 'fall 2024',
			leaids: ['0200006', '0200007']
		});
		expect(row?.estimate_unsuppressed).toBe(1);
		expect(row?.n_unweighted).toBe(1);
		expect(row?.item_missing_rate).toBeCloseTo(0.5, 12);
	});

	it('is null when no peer is in the wave', async () => {
		const none = { surveyId: 'fx-strat', wave: 'fall 2024' };
		expect(await peerTrainingShare(db, { ...none, leaids: ['0199999'] })).toBeNull();
		expect(await peerTrainingShare(db, { ...none, leaids: [] })).toBeNull();
	});
});
