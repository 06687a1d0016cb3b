/**
 * Windows-1252 differs from Latin-1 only in bytes 0x80–0x9F. Node 24's `TextDecoder('windows-1252')`
 * decodes those as Latin-1 control characters (nodejs/node#60888), browsers decode them correctly;
 * this table (WHATWG Encoding Standard) repairs Node's output and leaves browsers' unchanged.
 */
const HIGH = [
	0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
	0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
	0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178
];

const C1 = /[\u0080-\u009f]/g;

/** Text decoded as Windows-1252, correct on every platform. */
export function decodeWindows1252(decoder: TextDecoder, bytes: Uint8Array): string {
	return decoder
		.decode(bytes)
		.replace(C1, (c) => String.fromCharCode(HIGH[c.charCodeAt(0) - 0x80]!));
}
