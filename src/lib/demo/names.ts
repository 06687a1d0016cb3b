import type { Random } from './random.ts';

/** Every demo name ends with this, so no simulated district can pass for a real one. */
export const SIMULATED_MARKER = '(simulated)';

const FIRST = (
	'Amberfield|Bramblewood|Cedar Hollow|Copperleaf|Driftmoor|Elderbrook|Fernwhistle|' +
	'Foxglove|Glimmerdale|Hazelmere|Heronmark|Ironbark|Juniper Bend|Kestrel Ridge|' +
	'Larkspindle|Lanternfield|Marigold Flats|Mistral|Nettlecombe|Oakhaven|' +
	'Otterburn Prairie|Pebblestone|Quillmont|Ravenwold|Rushmeadow|Saffron Valley|' +
	'Silverbirch|Stonewhistle|Thistledown|Tumbleweed Mesa|Umberlake|Velvet Pines|' +
	'Willowmere|Windlass Creek|Yarrowgate|Zephyrwick'
).split('|');

const SECOND =
	'||| North| South| East| West| Upper| Lower| Crossing| Falls| Landing| Springs'.split('|');

const KIND = (
	'Unified|Public Schools|School District|Community Schools|Consolidated Schools|' +
	'Independent School District|Union School District|Area Schools|Local Schools|' +
	'County Schools'
).split('|');

/**
 * Returns a function that draws district names like "Cedar Hollow Falls Unified (simulated)",
 * unique across all calls (redrawn after a repeat; a numeral is appended if redraws keep
 * repeating). The invented words avoid real district names; a test checks the SAIPE list.
 */
export function createNameGenerator(random: Random): () => string {
	const used = new Set<string>();
	const draw = () => `${random.pick(FIRST)}${random.pick(SECOND)} ${random.pick(KIND)}`;
	return () => {
		let base = draw();
		for (let attempt = 0; attempt < 20 && used.has(base); attempt++) base = draw();
		let name = base;
		for (let n = 2; used.has(name); n++) name = `${base} No. ${n}`;
		used.add(name);
		return `${name} ${SIMULATED_MARKER}`;
	};
}
