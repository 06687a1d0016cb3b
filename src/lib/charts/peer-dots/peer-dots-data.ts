import type { DisplayValue } from '../../disclosure/display-value.ts';

/** The peer group's centre and spread on one row (median and IQR, or a share and its CI). */
export interface PeerSpan {
	readonly center: number | null;
	readonly lo: number | null;
	readonly hi: number | null;
}

/** One district's row of a peer dot plot. */
export interface PeerDotDatum {
	/** Row key (the LEAID). */
	readonly key: string;
	/** Row label: the district's name, state and LEAID. */
	readonly label: string;
	/** The district's own value; anything but a plain number is drawn as a glyph. */
	readonly value: DisplayValue;
	/** The district's 95% interval; null when it has none or the value is not shown. */
	readonly lo: number | null;
	readonly hi: number | null;
	/** Its peers; null when it has no peer group. */
	readonly peer: PeerSpan | null;
	/** The district's value in words: "4.1% (95% CI 3.2–5.3%)", "Not surveyed". */
	readonly valueText: string;
	/** The peers in words: "peer median 5.0%, middle half 4.0–6.3% (18 of 20 peers)". */
	readonly peerText: string;
}
