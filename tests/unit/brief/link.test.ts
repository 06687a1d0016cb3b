import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { districtLabel, pickDistrict } from '#lib/view/district-search.ts';
import { qrPath } from '#lib/brief/qr.ts';
import { siteLink } from '#lib/brief/site-link.ts';

/** Paints the path's rectangles ("M x y h w v1 h-w z") at `scale` pixels per module, as RGBA. */
function rasterize(d: string, size: number, scale: number): Uint8ClampedArray {
	const width = size * scale;
	const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
	for (const [, x, y, w] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
		for (let py = Number(y) * scale; py < (Number(y) + 1) * scale; py++) {
			for (let px = Number(x) * scale; px < (Number(x) + Number(w)) * scale; px++) {
				pixels.fill(0, (py * width + px) * 4, (py * width + px) * 4 + 3);
			}
		}
	}
	return pixels;
}

describe('qrPath', () => {
	it('draws a code that a QR reader (jsQR) decodes back to the text', () => {
		const text =
			'https://adoption-gap.example.org/brief?district=0195002&price.demo-math-practice=12.5&v=a4d647e571cc';
		const { d, size } = qrPath(text);
		expect(jsQR(rasterize(d, size, 4), size * 4, size * 4)?.data).toBe(text);
	});
});

describe('siteLink', () => {
	it('puts the path and query on the configured origin, else on the page’s own', () => {
		expect(
			siteLink(
				'https://gap.example.org/ignored/',
				'http://localhost:5173',
				'/base/brief',
				'district=0195002'
			)
		).toBe('https://gap.example.org/base/brief?district=0195002');
		expect(siteLink('', 'http://localhost:5173', '/brief', '')).toBe('http://localhost:5173/brief');
	});
});

describe('pickDistrict', () => {
	const districts = [
		{ leaid: '0195001', lea_name: 'Tumbleweed Mesa Lower Area Schools', state_abbr: 'AL' },
		{ leaid: '0195002', lea_name: 'Driftmoor South School District', state_abbr: 'AL' },
		{ leaid: '0600003', lea_name: 'Driftmoor North Unified', state_abbr: 'CA' }
	];

	it('finds a listed option, a bare LEAID or a unique part of a name', () => {
		expect(pickDistrict(districts, districtLabel(districts[1]!))?.leaid).toBe('0195002');
		expect(pickDistrict(districts, ' 0600003 ')?.leaid).toBe('0600003');
		expect(pickDistrict(districts, 'tumbleweed')?.leaid).toBe('0195001');
	});

	it('finds nothing for an ambiguous name, an unknown LEAID or blank text', () => {
		expect(pickDistrict(districts, 'Driftmoor')).toBeNull();
		expect(pickDistrict(districts, '0999999')).toBeNull();
		expect(pickDistrict(districts, '  ')).toBeNull();
	});
});
