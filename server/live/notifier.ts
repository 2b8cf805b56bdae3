import type { MyVotes } from '../../src/lib/protocol/live.ts';

/**
 * What commands tell the room after they change something, without knowing socket.io.
 * The live server implements it; with Redis every instance's sockets hear it.
 */
export interface Notifier {
	/**
	 * The agenda, clock or controls changed: push the new state to every socket of the workshop.
	 * `phases`: the phase on (or its settings) changed, so what a vote, a poll or the priorities
	 * show may have too: push those as well.
	 */
	state(workshopId: string, options?: { phases?: boolean }): void;
	/** A hidden note was added: the counts in the state change; pushed at most once per window. */
	hiddenCount(workshopId: string): void;
	/** An author's hidden notes changed: push them to that author's sockets only. */
	hiddenNotes(workshopId: string, authorId: string): void;
	/** "Everyone look here". */
	attention(workshopId: string): void;
	/** A vote changed: push its state (counts only until the reveal) to every socket, coalesced. */
	votes(workshopId: string): void;
	/** A voter's own dots changed: push their ballot as it now stands to that voter's sockets only. */
	myVotes(workshopId: string, voterId: string, mine: MyVotes): void;
	/** A poll changed: push its state (counts only until the reveal, unless live) to every socket, coalesced. */
	polls(workshopId: string): void;
	/** A participant's own poll answer changed: push it to their sockets only. */
	myPoll(workshopId: string, participantId: string): void;
	/** The decisions or owners changed: push them to every socket of the workshop. */
	decisions(workshopId: string): void;
	/** A placement or the confirmed priorities changed: push the matrix to every socket, coalesced. */
	priorities(workshopId: string): void;
	/** A placer's own placements changed: push them to that placer's sockets only. */
	myPriorities(workshopId: string, placerId: string): void;
	/** The affiche was written, submitted or published: push it to every socket (the room sees no draft). */
	affiche(workshopId: string): void;
	/** A validation arrived: push the counts and proposals to the facilitators only, coalesced. */
	afficheCounts(workshopId: string): void;
	/** A participant's own answer changed: push it to their sockets only. */
	myAffiche(workshopId: string, participantId: string): void;
	/** A proxy note's name changed: push the names to the facilitators only. */
	proxyNames(workshopId: string): void;
	/** The table plan changed: push it to every socket of the workshop. */
	tables(workshopId: string): void;
	/** Someone said "j'ai fini", the plan or the phase changed: push the readiness counts to every socket, coalesced. */
	readiness(workshopId: string): void;
	/** A participant's own "j'ai fini" changed: push it to their sockets only. */
	myReadiness(workshopId: string, participantId: string): void;
}

export const silentNotifier: Notifier = { state() {}, hiddenCount() {}, hiddenNotes() {}, attention() {}, votes() {}, myVotes() {}, polls() {}, myPoll() {}, decisions() {}, priorities() {}, myPriorities() {}, affiche() {}, afficheCounts() {}, myAffiche() {}, proxyNames() {}, tables() {}, readiness() {}, myReadiness() {} };

export const workshopRoom = (workshopId: string) => `workshop:${workshopId}`;
/** Facilitators' sockets of a workshop (version history pushes). */
export const facilitatorsRoom = (workshopId: string) => `facilitators:${workshopId}`;
