import { parseDosageRule } from '../dosage/parse-rule.ts';
import { formatDosageRule } from '../dosage/rule.ts';
import type { LocaleGroup } from '../filters/restrict.ts';
import { stateByAbbr } from '../geo/states.ts';
import { POVERTY_SCHEME_IDS, type PovertySchemeId } from '../poverty/schemes.ts';
import {
	canonicalState,
	DEFAULT_VIEW_STATE,
	GROUP_BY_OPTIONS,
	levelOptions,
	LOCALE_OPTIONS,
	MAX_DISTRICTS,
	PEER_CHOICES,
	PEER_SCOPES,
	PEER_WEIGHTS,
	SIZE_BANDS,
	USAGE_SOURCES,
	WEIGHTINGS,
	type SizeBandId,
	type ViewState
} from './view-state.ts';

/** Why part of a link was not used; shown to the user, never silently dropped. */
export interface Notice {
	readonly key: string;
	readonly message: string;
}

export interface DecodedView {
	readonly state: ViewState;
	/** The data version the link was made with, or null when it names none. */
	readonly dataVersion: string | null;
	readonly notices: readonly Notice[];
}

/** Product ids a link can carry (no commas, which separate list items). */
export const PRODUCT_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
/** An NCES LEAID: 7 digits, the first two the state FIPS code. */
export const LEAID_PATTERN = /^\d{7}$/;
const WAVE_PATTERN = /^[A-Za-z0-9 ._-]{1,40}$/;
const VERSION_PATTERN = /^[0-9a-f]{6,64}$/;
const PRICE_PATTERN = /^\d{1,7}(\.\d{1,2})?$/;
const MAX_PRICE = 9_999_999.99;

const KEYS = [
	'v',
	'state',
	'locale',
	'size',
	'scheme',
	'level',
	'wave',
	'year',
	'product',
	'group',
	'weight',
	'source',
	'district',
	'peers',
	'peer-size',
	'peer-poverty',
	'peer-scope'
] as const;
const RULE_PREFIX = 'rule.';
const PRICE_PREFIX = 'price.';

/** A price as the link writes it: whole cents, no trailing zeros ("12.5", "30"). */
export function isValidPrice(price: number): boolean {
	return (
		Number.isFinite(price) && price >= 0 && price <= MAX_PRICE && PRICE_PATTERN.test(String(price))
	);
}

function oneOf<T extends string>(value: string, options: readonly T[]): T | null {
	return (options as readonly string[]).includes(value) ? (value as T) : null;
}

class Decoder {
	readonly notices: Notice[] = [];

	notice(key: string, message: string): void {
		this.notices.push({ key, message });
	}

	/** Items of a comma list that pass `accept`; each rejected item gets a notice. */
	list<T>(key: string, raw: string, accept: (item: string) => T | null, what: string): T[] {
		const items = raw.split(',').filter((item) => item !== '');
		return items.flatMap((item) => {
			const value = accept(item);
			if (value === null) this.notice(key, `Ignored “${item}”: not a known ${what}.`);
			return value === null ? [] : [value];
		});
	}

	enumValue<T extends string>(key: string, raw: string, options: readonly T[], fallback: T): T {
		const value = oneOf(raw, options);
		if (value === null) {
			this.notice(key, `Ignored “${raw}” for ${key}: expected one of ${options.join(', ')}.`);
		}
		return value ?? fallback;
	}
}

function decodeYear(d: Decoder, raw: string): number | null {
	const year = /^\d{4}$/.test(raw) ? Number(raw) : NaN;
	if (year >= 1990 && year <= 2100) return year;
	d.notice('year', `Ignored school year “${raw}”: expected a fall year such as 2024.`);
	return null;
}

function decodeRule(d: Decoder, key: string, product: string, raw: string): string | null {
	try {
		return formatDosageRule(parseDosageRule(raw));
	} catch (error) {
		d.notice(key, `Ignored the dosage rule for ${product}: ${(error as Error).message}.`);
		return null;
	}
}

function decodePrice(d: Decoder, key: string, product: string, raw: string): number | null {
	const price = PRICE_PATTERN.test(raw) ? Number(raw) : NaN;
	if (isValidPrice(price)) return price;
	d.notice(key, `Ignored the price for ${product}: “${raw}” is not an amount such as 12.50.`);
	return null;
}

function decodeProductSettings(d: Decoder, params: URLSearchParams) {
	// Entries, not assignment: a product may be called `__proto__`.
	const rules: [string, string][] = [];
	const prices: [string, number][] = [];
	for (const [key, raw] of params) {
		const prefix = [RULE_PREFIX, PRICE_PREFIX].find((p) => key.startsWith(p));
		if (!prefix) {
			if (!(KEYS as readonly string[]).includes(key))
				d.notice(key, `Ignored unknown setting “${key}”.`);
			continue;
		}
		const product = key.slice(prefix.length);
		if (!PRODUCT_ID_PATTERN.test(product)) {
			d.notice(key, `Ignored “${key}”: “${product}” is not a product id.`);
		} else if (prefix === RULE_PREFIX) {
			const rule = decodeRule(d, key, product, raw);
			if (rule !== null) rules.push([product, rule]);
		} else {
			const price = decodePrice(d, key, product, raw);
			if (price !== null) prices.push([product, price]);
		}
	}
	return { rules: Object.fromEntries(rules), prices: Object.fromEntries(prices) };
}

/**
 * Reads a view from a link's query string. Never throws: a value that is not valid falls back
 * to its default and leaves a notice saying what was ignored and why. Whether products, waves
 * and years exist in the loaded data is checked later (`reconcileWithCatalog`).
 */
export function decodeViewState(search: URLSearchParams | string): DecodedView {
	const params = typeof search === 'string' ? new URLSearchParams(search) : search;
	const d = new Decoder();
	const get = (key: string): string | null => {
		const all = params.getAll(key);
		if (all.length > 1) d.notice(key, `“${key}” was given ${all.length} times; the first is used.`);
		return all[0] ?? null;
	};
	const initial = DEFAULT_VIEW_STATE;
	const scheme = get('scheme');
	const schemeId: PovertySchemeId =
		scheme === null
			? initial.scheme
			: d.enumValue('scheme', scheme, POVERTY_SCHEME_IDS, initial.scheme);
	const version = get('v');
	if (version !== null && !VERSION_PATTERN.test(version)) {
		d.notice('v', `Ignored data version “${version}”: not a version this site writes.`);
	}
	const listOf = <T>(key: string, accept: (item: string) => T | null, what: string): T[] => {
		const raw = get(key);
		return raw === null ? [] : d.list(key, raw, accept, what);
	};
	const enumOf = <T extends string>(key: string, options: readonly T[], fallback: T): T => {
		const raw = get(key);
		return raw === null ? fallback : d.enumValue(key, raw, options, fallback);
	};
	const wave = get('wave');
	const year = get('year');
	const state: ViewState = {
		states: listOf('state', (s) => (stateByAbbr(s)?.abbr === s ? s : null), 'state abbreviation'),
		locales: listOf<LocaleGroup>('locale', (s) => oneOf(s, LOCALE_OPTIONS), 'locale'),
		sizes: listOf<SizeBandId>(
			'size',
			(s) =>
				oneOf(
					s,
					SIZE_BANDS.map((b) => b.id)
				),
			'enrollment size band'
		),
		scheme: schemeId,
		levels: listOf(
			'level',
			(s) => oneOf(s, levelOptions(schemeId)),
			'poverty level of this scheme'
		),
		wave: wave === null ? null : WAVE_PATTERN.test(wave) ? wave : rejectWave(d, wave),
		year: year === null ? null : decodeYear(d, year),
		products: listOf('product', (s) => (PRODUCT_ID_PATTERN.test(s) ? s : null), 'product id'),
		groupBy: enumOf('group', GROUP_BY_OPTIONS, initial.groupBy),
		weighting: enumOf('weight', WEIGHTINGS, initial.weighting),
		source: enumOf('source', USAGE_SOURCES, initial.source),
		...decodeProductSettings(d, params),
		districts: decodeDistricts(
			d,
			listOf('district', (s) => (LEAID_PATTERN.test(s) ? s : null), 'LEAID')
		),
		peers: enumOf('peers', PEER_CHOICES, initial.peers),
		peerSize: enumOf('peer-size', PEER_WEIGHTS, initial.peerSize),
		peerPoverty: enumOf('peer-poverty', PEER_WEIGHTS, initial.peerPoverty),
		peerScope: enumOf('peer-scope', PEER_SCOPES, initial.peerScope)
	};
	return {
		state: canonicalState(state),
		dataVersion: version !== null && VERSION_PATTERN.test(version) ? version : null,
		notices: d.notices
	};
}

function decodeDistricts(d: Decoder, leaids: string[]): string[] {
	const unique = [...new Set(leaids)];
	if (unique.length > MAX_DISTRICTS) {
		d.notice(
			'district',
			`Compared the first ${MAX_DISTRICTS} of ${unique.length} districts: a view compares at most ${MAX_DISTRICTS}.`
		);
	}
	if (unique.length < leaids.length) d.notice('district', 'Ignored districts named twice.');
	return unique.slice(0, MAX_DISTRICTS);
}

function rejectWave(d: Decoder, wave: string): null {
	d.notice('wave', `Ignored survey wave “${wave}”: not a wave name.`);
	return null;
}

/** URI-encodes a value but keeps commas (list separators) readable. */
const encodeValue = (value: string) => encodeURIComponent(value).replaceAll('%2C', ',');

/**
 * The query string (without "?") of a view: only settings that differ from the defaults, in a
 * fixed order, plus the data version. `decodeViewState(encodeViewState(s, v))` gives back `s`
 * and `v` for every valid, canonical state.
 */
export function encodeViewState(state: ViewState, dataVersion: string | null): string {
	const s = canonicalState(state);
	const base = DEFAULT_VIEW_STATE;
	const entries: [string, string][] = [];
	const add = (key: string, value: string | null, fallback: string | null = null) => {
		if (value !== null && value !== fallback) entries.push([key, value]);
	};
	const list = (values: readonly string[]) => (values.length ? values.join(',') : null);
	add('v', dataVersion);
	add('state', list(s.states));
	add('locale', list(s.locales));
	add('size', list(s.sizes));
	add('scheme', s.scheme, base.scheme);
	add('level', list(s.levels));
	add('wave', s.wave);
	add('year', s.year === null ? null : String(s.year));
	add('product', list(s.products));
	add('group', s.groupBy, base.groupBy);
	add('weight', s.weighting, base.weighting);
	add('source', s.source, base.source);
	add('district', list(s.districts));
	add('peers', s.peers, base.peers);
	add('peer-size', s.peerSize, base.peerSize);
	add('peer-poverty', s.peerPoverty, base.peerPoverty);
	add('peer-scope', s.peerScope, base.peerScope);
	for (const product of Object.keys(s.rules).sort()) add(RULE_PREFIX + product, s.rules[product]!);
	for (const product of Object.keys(s.prices).sort()) {
		add(PRICE_PREFIX + product, String(s.prices[product]));
	}
	return entries.map(([key, value]) => `${encodeValue(key)}=${encodeValue(value)}`).join('&');
}
