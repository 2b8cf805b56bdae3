import QRCode from 'qrcode';

/**
 * The join link as an SVG QR code in a data URL, made on the server so that phones and
 * projectors never download a QR library, and shown as an <img> (with its alt text) rather
 * than markup injected into the page. Level M survives a projector's glare and a crumpled sheet.
 */
export async function qrImage(text: string): Promise<string> {
	const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
	return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
