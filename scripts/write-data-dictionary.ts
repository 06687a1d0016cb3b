// Rewrites the generated part of data/README.md from the canonical schema.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderDataDictionary } from '#lib/schema/dictionary.ts';

const FILE = 'data/README.md';
const MARKER = '## Data dictionary';
const text = readFileSync(FILE, 'utf8');
const head = text.slice(0, text.indexOf(MARKER) + MARKER.length);
writeFileSync(FILE, `${head}\n\n${renderDataDictionary()}`);
console.log(`wrote ${FILE}`);
