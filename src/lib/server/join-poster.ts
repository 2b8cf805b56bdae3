import type { Services } from '$server/services';
import { facilitatedWorkshop } from './workshop-access.ts';
import { qrImage } from '$server/qr';

/** What the projector and the printed poster show: the workshop, its join link and its QR code. */
export async function joinPoster(s: Services, workshopId: string, facilitatorId: string | undefined, url: URL) {
	const { workshop, joinUrl } = await facilitatedWorkshop(s, workshopId, facilitatorId, url);
	return {
		workshop: { id: workshop.id, title: workshop.title, joinCode: workshop.joinCode },
		joinUrl,
		joinHost: new URL(joinUrl).host,
		qr: await qrImage(joinUrl)
	};
}
