/** Joins byte arrays into one. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
	const total = parts.reduce((sum, p) => sum + p.length, 0);
	const out = new Uint8Array(total);
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

/** Whether `bytes` starts with `prefix`. */
export function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
	return prefix.every((b, i) => bytes[i] === b);
}

/** 1-based line number of byte `offset` (counting LF, CRLF and lone CR as line breaks). */
export function lineAt(bytes: Uint8Array, offset: number): number {
	let line = 1;
	for (let i = 0; i < offset && i < bytes.length; i++) {
		const b = bytes[i];
		if (b === 10) line++;
		else if (b === 13 && bytes[i + 1] !== 10) line++;
	}
	return line;
}
