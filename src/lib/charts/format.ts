import { format } from 'd3';
import { count } from '../format/number.ts';

const twoPlaces = format('.2f');

/** A rate ratio as a multiplier: "0.55×"; "—" when undefined. */
export function ratio(r: number | null): string {
	return r === null || !Number.isFinite(r) ? '—' : `${twoPlaces(r)}×`;
}

/** Estimated text width in px of `text` at `fontSize` px (average Source Sans 3 glyph ≈ 0.52 em). */
export function textWidth(text: string, fontSize = 14): number {
	return Math.ceil(text.length * fontSize * 0.52);
}

/** "1 district", "12 districts": a count with its unit, singular for one (`unit` is plural). */
export function counted(n: number, unit: string): string {
	return `${count(n)} ${n === 1 ? unit.replace(/s$/, '') : unit}`;
}

/** An axis tick of a ratio scale: "0.5×", "2×", and "parity 1×" at 1. */
export function ratioTick(t: number): string {
	return t === 1 ? 'parity 1×' : `${Number(t.toFixed(2))}×`;
}
