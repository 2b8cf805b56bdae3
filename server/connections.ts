import type { Server } from 'socket.io';
import type { Log } from './log.ts';
import type { SyncServer } from './sync/upgrade.ts';
import type { Actor } from './auth/actor.ts';
import { CLOSE } from './sync/message-types.ts';
import type { ConnectionControl } from './services.ts';

/** socket.io room of one actor's live sockets in one workshop. */
export const actorRoom = (workshopId: string, actorId: string) => `actor:${workshopId}:${actorId}`;
/** socket.io room of a workshop's observers (all end when the observer link is replaced). */
export const observersRoom = (workshopId: string) => `observers:${workshopId}`;

const END_SYNC = 'concerto:end-sync';
interface EndSync {
	workshopId: string;
	/** An actor id, or null for every observer. */
	actorId: string | null;
	code: number;
	reason: string;
}

/**
 * Ends connections whose rights changed, on every instance: live sockets through the
 * socket.io adapter (Redis when configured), sync connections through a server-side event
 * the adapter carries to the other instances, each closing its own.
 */
export function createConnectionControl(sync: SyncServer, io: Server, log: Log): ConnectionControl {
	const matches = (e: EndSync) => (actor: Actor) => (e.actorId === null ? actor.kind === 'observer' : actor.id === e.actorId);
	const closeLocal = (e: EndSync) => sync.closeWhere(e.workshopId, matches(e), e.code, e.reason);
	io.on(END_SYNC, (e: EndSync) => closeLocal(e));

	function end(e: EndSync, liveRoom: string): void {
		closeLocal(e);
		io.serverSideEmit(END_SYNC, e);
		io.in(liveRoom).disconnectSockets(true);
		log.info({ workshopId: e.workshopId, actor: e.actorId ?? 'observers', reason: e.reason }, 'connections ended');
	}

	return {
		async participantRemoved(workshopId, participantId) {
			end({ workshopId, actorId: participantId, code: CLOSE.sessionEnded, reason: 'removed from the workshop' }, actorRoom(workshopId, participantId));
		},
		async roleChanged(workshopId, participantId) {
			end({ workshopId, actorId: participantId, code: CLOSE.rightsChanged, reason: 'role changed: reconnect' }, actorRoom(workshopId, participantId));
		},
		async observersRevoked(workshopId) {
			end({ workshopId, actorId: null, code: CLOSE.sessionEnded, reason: 'observer link replaced' }, observersRoom(workshopId));
		}
	};
}
