import type { ErrorBody } from './errors.ts';
import type { Phase } from '../domain/agenda/phase.ts';
import type { TimerState } from '../domain/agenda/timer.ts';
import type { SuggestedCluster } from '../domain/clustering/suggest.ts';
import type { PersonaList, PersonaTextField } from '../domain/board/personas.ts';
import type { BoardVersionView } from '../domain/board/versions.ts';
import type { Category } from '../domain/workshop/categories.ts';
import type { Role } from '../domain/permissions/roles.ts';
import type { VoteResults } from '../domain/vote/results.ts';
import type { PollResults } from '../domain/poll/results.ts';
import type { DecisionCommands } from './decisions.ts';
import type { DecisionsView } from '../domain/decisions/decision.ts';
import type { PriorityCommands, PriorityEvents } from './priorities.ts';
import type { AfficheCommands, AfficheEvents } from './affiche.ts';
import type { TableCommands, TableEvents } from './tables.ts';

/**
 * The live channel (socket.io, path `/live`). The client connects with
 * `auth: { workshopId }` and its session cookie; each command is an event whose payload
 * carries a client-made `commandId` (a retry with the same id is applied once) and whose
 * acknowledgement is a {@link CommandResult}. The event names below are the whole API.
 */
export const LIVE_PATH = '/live';

/**
 * The handshake's `auth`. `renderedAs` (optional): the role the page was rendered for. When the
 * person's role is another by now (promoted or demoted meanwhile), the server ends the socket
 * right after it connects (`io server disconnect`), as it does to open sockets when the role
 * changes: the page reloads and gets the one for the new role. Only a page that reloads then
 * sends it (the participant's); any other value only ends the sender's own socket.
 */
export interface LiveAuth {
	workshopId: string;
	renderedAs?: Role;
}

/** 8–64 characters of [A-Za-z0-9_-]: long enough to be unique when made by `crypto.randomUUID`. */
export const COMMAND_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export interface NoteAddInput {
	commandId: string;
	text: string;
	x?: number;
	y?: number;
	/** One of the running phase's `settings.prompts`, as its text: the note is filed under it. */
	prompt?: string;
}
export interface NoteAddResult {
	noteId: string;
	/** In a silent phase the note waits on the server, seen only by its author, until reveal. */
	hidden?: boolean;
}

/** Facilitator controls: only a command id, or a command id and one setting. */
export interface ControlInput {
	commandId: string;
}
export interface ControlResult {
	ok: true;
	/** The running phase was shortened below the time already spent: it has ended now. */
	cut?: boolean;
}

/** A participant's own note: change its text, move it, or delete it. */
export interface NoteEditInput {
	commandId: string;
	noteId: string;
	text: string;
}
export interface NoteMoveInput {
	commandId: string;
	noteId: string;
	x: number;
	y: number;
}
export interface NoteDeleteInput {
	commandId: string;
	noteId: string;
}

/** A participant puts their own note into a cluster (null: out of any), when the phase allows. */
export interface NoteClusterInput {
	commandId: string;
	noteId: string;
	clusterId: string | null;
}

/** A participant places (or moves) their one marker on the current positioning phase's scale. */
export interface MarkerPlaceInput {
	commandId: string;
	/** 0 at the left pole, 100 at the right one. */
	value: number;
}
export interface MarkerPlaceResult {
	scaleId: string;
	value: number;
}

/**
 * A participant's part in a persona (participants only read the document: each persona write
 * is a command). A new persona's id is its command's, and so is a new item's.
 */
export interface PersonaCreateInput {
	commandId: string;
	name?: string;
}
export interface PersonaFieldInput {
	commandId: string;
	personaId: string;
	field: PersonaTextField;
	value: string;
	/**
	 * The field's text when the writer started editing it. If the field holds something else
	 * now, nothing is written and the refusal (`conflict`) carries `detail.current` and
	 * `detail.by`: someone changed it meanwhile, and the writer's draft is theirs to merge.
	 */
	base: string;
}
export interface PersonaItemAddInput {
	commandId: string;
	personaId: string;
	list: PersonaList;
	text: string;
}
export interface PersonaItemRemoveInput {
	commandId: string;
	personaId: string;
	list: PersonaList;
	itemId: string;
}
export interface PersonaLinkInput {
	commandId: string;
	personaId: string;
	noteId: string;
	linked: boolean;
}

/** Version history (facilitators): restore a saved version of the board. */
export interface VersionRestoreInput {
	commandId: string;
	versionId: string;
}
export interface VersionRestoreResult {
	/** The version now on the board. */
	versionId: string;
	/** The board as it was just before: restoring this one undoes the restore. */
	undoVersionId: string;
}

export interface LiveCommands {
	'note.add': { input: NoteAddInput; result: NoteAddResult };
	'note.edit': { input: NoteEditInput; result: { noteId: string } };
	'note.move': { input: NoteMoveInput; result: { noteId: string } };
	'note.delete': { input: NoteDeleteInput; result: { noteId: string } };
	'note.cluster': { input: NoteClusterInput; result: { noteId: string } };
	/** Facilitators only: the name of the person a proxy note was written for ('' forgets it); kept on the server. */
	'note.proxyName': { input: { commandId: string; noteId: string; name: string }; result: { noteId: string } };
	'phase.start': { input: ControlInput; result: ControlResult };
	'phase.pause': { input: ControlInput; result: ControlResult };
	'phase.resume': { input: ControlInput; result: ControlResult };
	'phase.extend': { input: ControlInput & { minutes: number }; result: ControlResult };
	'phase.skip': { input: ControlInput; result: ControlResult };
	'phase.back': { input: ControlInput; result: ControlResult };
	'phase.reveal': { input: ControlInput; result: { revealed: number } };
	'board.lock': { input: ControlInput & { locked: boolean }; result: ControlResult };
	'room.attention': { input: ControlInput; result: ControlResult };
	'agenda.save': { input: ControlInput & { phases: Phase[] }; result: ControlResult };
	/** Facilitators only: the phases' notes for the facilitator, by phase id (never in the room's state). */
	'agenda.notes': { input: ControlInput; result: Record<string, string> };
	/** A later session of a series imports the earlier sessions' notes it does not have yet (facilitators). */
	'series.import': { input: ControlInput; result: { imported: number } };
	/** Clusters proposed from the notes' text; changes nothing (the facilitator accepts on the board). */
	'clusters.suggest': { input: ControlInput; result: { groups: SuggestedCluster[] } };
	'marker.place': { input: MarkerPlaceInput; result: MarkerPlaceResult };
	'persona.create': { input: PersonaCreateInput; result: { personaId: string } };
	'persona.field': { input: PersonaFieldInput; result: { personaId: string } };
	'persona.item.add': { input: PersonaItemAddInput; result: { personaId: string; itemId: string } };
	'persona.item.remove': { input: PersonaItemRemoveInput; result: { personaId: string; itemId: string } };
	'persona.link': { input: PersonaLinkInput; result: { personaId: string; noteId: string } };
	'vote.set': { input: VoteSetInput; result: { itemId: string; dots: number; left: number } };
	'vote.paper': { input: VotePaperInput; result: { itemId: string; category: Category; dots: number } };
	'vote.reveal': { input: ControlInput; result: { revealed: boolean } };
	'poll.answer': { input: PollAnswerInput; result: { choices: number[] } };
	'poll.reveal': { input: ControlInput; result: { revealed: boolean } };
	'version.list': { input: ControlInput; result: BoardVersionView[] };
	'version.restore': { input: VersionRestoreInput; result: VersionRestoreResult };
	/** Decisions and commitments, and the owners they go back to (facilitators; see ./decisions.ts). */
	'decision.save': DecisionCommands['decision.save'];
	'decision.delete': DecisionCommands['decision.delete'];
	'decision.move': DecisionCommands['decision.move'];
	'owners.save': DecisionCommands['owners.save'];
	/** Priorities on the desirability × feasibility matrix (see ./priorities.ts). */
	'priority.place': PriorityCommands['priority.place'];
	'priority.confirm': PriorityCommands['priority.confirm'];
	/** The affiche, validated by the participants (see ./affiche.ts). */
	'affiche.save': AfficheCommands['affiche.save'];
	'affiche.submit': AfficheCommands['affiche.submit'];
	'affiche.publish': AfficheCommands['affiche.publish'];
	'affiche.validate': AfficheCommands['affiche.validate'];
	/** Tables and readiness (see ./tables.ts). */
	'table.create': TableCommands['table.create'];
	'table.update': TableCommands['table.update'];
	'table.delete': TableCommands['table.delete'];
	'table.assign': TableCommands['table.assign'];
	'tables.split': TableCommands['tables.split'];
	'table.note.add': TableCommands['table.note.add'];
	'table.reporter': TableCommands['table.reporter'];
	'table.pick': TableCommands['table.pick'];
	'table.extend': TableCommands['table.extend'];
	'readiness.set': TableCommands['readiness.set'];
}
export type CommandName = keyof LiveCommands;

export type CommandResult<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** A phase as clients see it: the plan and, once run, its actual start and end (epoch ms). */
export interface PhaseView extends Phase {
	startedAt: number | null;
	endedAt: number | null;
}

/**
 * The workshop's agenda, clock and controls, pushed to every socket on connect and after
 * every change (`workshop.state`). `serverNow` lets a phone whose clock is wrong count down
 * from the server's end time all the same.
 */
export interface WorkshopState {
	serverNow: number;
	phases: PhaseView[];
	timer: TimerState;
	locked: boolean;
	/** Notes written in a silent phase and not yet revealed (their texts stay on the server). */
	hiddenNotes: number;
}

/** A participant's own note still hidden by a silent phase (`notes.hidden`, to its author only). */
export interface HiddenNote {
	id: string;
	text: string;
	prompt?: string;
}

/** Events the server sends without being asked. */
export interface LiveEvents {
	'workshop.state': WorkshopState;
	/** "Everyone look here": the facilitator wants every screen's attention. */
	'room.attention': { at: number };
	'notes.hidden': HiddenNote[];
	/** A version of the board was saved (to facilitators only): their history list is out of date. */
	'versions.changed': { at: number };
	/** The vote phase on (or the last one revealed): how many voted, and the results once revealed. */
	'vote.state': VoteState | null;
	/** One's own dots in that vote phase (to one's own sockets only). */
	'vote.mine': MyVotes;
	/** The poll phase on (or the last one revealed): how many answered, and the results once revealed (or live). */
	'poll.state': PollState | null;
	/** One's own answer in that poll (to one's own sockets only). */
	'poll.mine': MyPoll;
	/** The decisions and owners, on connect and after every change (owners' e-mails to facilitators only). */
	decisions: DecisionsView;
	/** The priorities matrix: items, medians overall and by collège, placers, confirmed list (coalesced). */
	'priorities.state': PriorityEvents['priorities.state'];
	/** One's own placements (to one's own sockets only). */
	'priorities.mine': PriorityEvents['priorities.mine'];
	/** The affiche once submitted (facilitators: also the draft and the proposals). */
	'affiche.state': AfficheEvents['affiche.state'];
	'affiche.mine': AfficheEvents['affiche.mine'];
	/** The names behind proxy notes, by note id (facilitators only: never in the board document). */
	'proxy.names': Record<string, string>;
	/** The table plan (null: none), on connect and after every change (see ./tables.ts). */
	'tables.state': TableEvents['tables.state'];
	/** How many said "j'ai fini" in the phase run on, overall, by table and by collège. */
	'readiness.state': TableEvents['readiness.state'];
	'readiness.mine': TableEvents['readiness.mine'];
}

/** A participant sets their dots on one item (0 withdraws them); the server checks budget and cap. */
export interface VoteSetInput {
	commandId: string;
	itemId: string;
	dots: number;
}

/** The facilitator types the dots counted on the wall for an item and a collège (0 clears them). */
export interface VotePaperInput {
	commandId: string;
	itemId: string;
	category: Category;
	dots: number;
}

/**
 * What every screen is told of a vote. Until the reveal, only how many people voted (overall
 * and by collège): never a count per item, never anyone's dots. After it, the results.
 */
export interface VoteState {
	phaseId: string;
	revealed: boolean;
	voters: number;
	votersByCategory: Partial<Record<Category, number>>;
	/** Set once revealed: the tally with paper dots, by collège, parity and consensus. */
	results: VoteResults | null;
	/** Set once revealed: each item's label as the board had it (the projector may outlive a deleted cluster). */
	labels: Record<string, string> | null;
}

export interface MyVotes {
	phaseId: string;
	dots: Record<string, number>;
}

/** A participant answers the poll on: the indexes of their choices (one, or 1–n distinct); it replaces their last answer. */
export interface PollAnswerInput {
	commandId: string;
	choices: number[];
}

/**
 * What every screen is told of a quick poll. Until the reveal, only how many answered (overall
 * and by collège) — unless the phase shows live results, when the counts per choice go to
 * everyone as answers come. Never anyone's own answer.
 */
export interface PollState {
	phaseId: string;
	revealed: boolean;
	liveResults: boolean;
	question: string;
	choices: string[];
	multiple: boolean;
	answered: number;
	answeredByCategory: Partial<Record<Category, number>>;
	/** Set once revealed, or all along when `liveResults`. */
	results: PollResults | null;
}

export interface MyPoll {
	phaseId: string;
	/** Indexes of one's chosen answers (empty: not answered yet). */
	choices: number[];
}

/** Sent by the server to a socket whose handshake it refused (socket.io `connect_error` data). */
export interface HandshakeRefusal {
	code: ErrorBody['code'];
}
