import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Config } from '../config.ts';
import { originAllowed } from '../origin.ts';
import { resolveActor, type Actor } from '../auth/actor.ts';
import { findWorkshop } from '../db/repositories/workshops.ts';
import { LIVE_PATH, type CommandName } from '../../src/lib/protocol/live.ts';
import type { ErrorCode } from '../../src/lib/protocol/errors.ts';
import type { CommandDeps, Runner } from './command.ts';
import { noteAdd } from './note-add.ts';
import { noteCluster, noteDelete, noteEdit, noteMove } from './own-notes.ts';
import { phaseBack, phaseExtend, phasePause, phaseResume, phaseSkip, phaseStart } from './phase-controls.ts';
import { agendaSave, boardLock, phaseReveal, roomAttention } from './room-controls.ts';
import { seriesImport } from './series-import.ts';
import { agendaNotes } from './agenda-notes.ts';
import { versionList, versionRestore } from './versions.ts';
import { markerPlace } from './marker-place.ts';
import { personaCreate, personaField, personaItemAdd, personaItemRemove, personaLink } from './persona-commands.ts';
import { facilitatorsRoom, workshopRoom, type Notifier } from './notifier.ts';
import { readWorkshopState } from './workshop-state.ts';
import { clustersSuggest } from './clusters-suggest.ts';
import { readMyVotes, readVoteState, votePaper, voteReveal, voteSet } from './votes.ts';
import { pollAnswer, pollReveal, readMyPoll, readPollState } from './polls.ts';
import { hiddenNotesOf } from '../db/repositories/hidden-notes.ts';
import type { Limits } from '../limits/shared-limiter.ts';
import { Coalescer } from './coalescer.ts';
import { can } from '../../src/lib/domain/permissions/roles.ts';
import { actorRoom, observersRoom } from '../connections.ts';
import { priorityConfirm, priorityPlace, readMyPlacements, readPrioritiesState } from './priorities.ts';
import { afficheSave, afficheSubmit, affichePublish, afficheValidate, readAfficheView, readMyAffiche, roomAfficheView } from './affiche.ts';
import { decisionDelete, decisionMove, decisionSave, ownersSave, readDecisionsView, roomView } from './decisions.ts';
import { noteProxyName } from './proxy-name.ts';
import { readProxyNames } from '../db/repositories/proxy-names.ts';
import { readTablesView, seatLateJoiner, tableAssign, tableCreate, tableDelete, tablesSplit, tableUpdate } from './tables.ts';
import { phaseRun, readinessSet, readMyReadiness, readReadinessState } from './readiness.ts';
import { tableNoteAdd } from './table-notes.ts';
import { tablePick, tableReporter } from './table-report.ts';
import { tableExtend } from './table-time.ts';
import { tooManyConnections } from '../limits/connection-allowance.ts';
import { sharedPerWorkshop } from '../db/turn-reads.ts';

/** Vote states are pushed at most this often per workshop (the last change always gets its push). */
const VOTE_PUSH_MS = 250;

/** Every live command, by event name. Adding a command = one file + one line here. */
const COMMANDS: Record<CommandName, Runner> = {
	'note.add': noteAdd,
	'note.edit': noteEdit,
	'note.move': noteMove,
	'note.delete': noteDelete,
	'note.cluster': noteCluster,
	'phase.start': phaseStart,
	'phase.pause': phasePause,
	'phase.resume': phaseResume,
	'phase.extend': phaseExtend,
	'phase.skip': phaseSkip,
	'phase.back': phaseBack,
	'phase.reveal': phaseReveal,
	'board.lock': boardLock,
	'room.attention': roomAttention,
	'agenda.save': agendaSave,
	'agenda.notes': agendaNotes,
	'series.import': seriesImport,
	'clusters.suggest': clustersSuggest,
	'marker.place': markerPlace,
	'persona.create': personaCreate,
	'persona.field': personaField,
	'persona.item.add': personaItemAdd,
	'persona.item.remove': personaItemRemove,
	'persona.link': personaLink,
	'version.list': versionList,
	'version.restore': versionRestore,
	'vote.set': voteSet,
	'vote.paper': votePaper,
	'vote.reveal': voteReveal,
	'poll.answer': pollAnswer,
	'poll.reveal': pollReveal,
	'decision.save': decisionSave,
	'decision.delete': decisionDelete,
	'decision.move': decisionMove,
	'owners.save': ownersSave,
	'priority.place': priorityPlace,
	'priority.confirm': priorityConfirm,
	'affiche.save': afficheSave,
	'note.proxyName': noteProxyName,
	'affiche.submit': afficheSubmit,
	'affiche.publish': affichePublish,
	'affiche.validate': afficheValidate,
	'table.create': tableCreate,
	'table.update': tableUpdate,
	'table.delete': tableDelete,
	'table.assign': tableAssign,
	'tables.split': tablesSplit,
	'readiness.set': readinessSet,
	'table.note.add': tableNoteAdd,
	'table.reporter': tableReporter,
	'table.pick': tablePick,
	'table.extend': tableExtend
};

interface SocketData {
	actor: Actor;
	workshopId: string;
	/** The page was rendered for another role than the person has now (LiveAuth.renderedAs). */
	staleRole: boolean;
}

function refusal(code: ErrorCode, message: string): Error {
	return Object.assign(new Error(message), { data: { code } });
}

/**
 * socket.io on `/live`. The handshake checks Origin, the workshop and the session; the socket
 * joins its workshop's room; each event is one command, answered through its acknowledgement.
 */
export function createLiveServer(
	httpServer: HttpServer,
	base: Omit<CommandDeps, 'notify'> & { config: Config; limits: Limits; onDropped?: (reason: 'no_ack' | 'rate_limited') => void }
): Server {
	const { config, db, log } = base;
	const io = new Server(httpServer, {
		path: LIVE_PATH,
		serveClient: false,
		maxHttpBufferSize: config.maxMessageBytes,
		// Leave other upgrades (our /sync, Vite's HMR) alone instead of ending them after 1 s.
		destroyUpgrade: false,
		allowRequest: (req, callback) => callback(originAllowed(req, config.origin) ? null : 'origin not allowed', originAllowed(req, config.origin))
	});

	// What a workshop's screens are sent is the same for all of them: a room connecting at once (a
	// Wi-Fi back, a restart: 1,000 phones in a second) shares each read, as do the pushes after a
	// change (turn-reads.ts). Each read still starts after its callers asked: none gets older state.
	const shared = {
		workshop: sharedPerWorkshop(findWorkshop),
		state: sharedPerWorkshop((d, workshopId) => readWorkshopState(d, workshopId)),
		votes: sharedPerWorkshop((d, workshopId) => readVoteState(d, base.rooms, workshopId)),
		polls: sharedPerWorkshop(readPollState),
		priorities: sharedPerWorkshop((d, workshopId) => readPrioritiesState(d, base.rooms, workshopId)),
		decisions: sharedPerWorkshop(readDecisionsView),
		affiche: sharedPerWorkshop(readAfficheView),
		tables: sharedPerWorkshop(readTablesView),
		readiness: sharedPerWorkshop(readReadinessState),
		phaseRun: sharedPerWorkshop(phaseRun)
	};

	// Pushes read the database after the change committed; a failure only costs a stale screen
	// until the next push or reconnect, so it is logged, never thrown at the command.
	const push = (what: string, workshopId: string, work: () => Promise<void>) =>
		work().catch((e: Error) => log.warn({ workshopId, err: e.message }, `${what} push failed`));
	// 300 phones voting (or placing) at once would push 300 × 300 states: one push per workshop per window instead.
	const coalesced = (what: string, event: 'vote.state' | 'priorities.state' | 'poll.state' | 'readiness.state', read: (workshopId: string) => Promise<unknown>) => {
		const pushes = new Coalescer(VOTE_PUSH_MS);
		return (workshopId: string) =>
			pushes.schedule(workshopId, () =>
				push(what, workshopId, async () => {
					io.to(workshopRoom(workshopId)).emit(event, await read(workshopId));
				})
			);
	};
	const notify: Notifier = {
		state: (workshopId, options) => {
			void push('state', workshopId, async () => {
				io.to(workshopRoom(workshopId)).emit('workshop.state', await shared.state(db, workshopId));
			});
			if (!options?.phases) return;
			// A phase change can start or leave a vote or a poll: what they show follows the clock (the priorities too).
			notify.votes(workshopId);
			notify.polls(workshopId);
			notify.priorities(workshopId);
			// Readiness starts afresh with each phase run.
			notify.readiness(workshopId);
		},
		// A silent phase of 300 writers would push 300 × 300 states: one per workshop per window instead.
		hiddenCount: (() => {
			const pushes = new Coalescer(VOTE_PUSH_MS);
			return (workshopId: string) => pushes.schedule(workshopId, () => notify.state(workshopId));
		})(),
		hiddenNotes: (workshopId, authorId) =>
			void push('hidden notes', workshopId, async () => {
				const notes = await hiddenNotesOf(db, workshopId, authorId);
				io.to(actorRoom(workshopId, authorId)).emit('notes.hidden', notes.map(({ id, text, prompt }) => ({ id, text, ...(prompt ? { prompt } : {}) })));
			}),
		attention: (workshopId) => void io.to(workshopRoom(workshopId)).emit('room.attention', { at: Date.now() }),
		votes: coalesced('votes', 'vote.state', (workshopId) => shared.votes(db, workshopId)),
		myVotes: (workshopId, voterId, mine) => void io.to(actorRoom(workshopId, voterId)).emit('vote.mine', mine),
		// Like votes: one push per workshop per window.
		polls: coalesced('polls', 'poll.state', (workshopId) => shared.polls(db, workshopId)),
		myPoll: (workshopId, participantId) =>
			void push('own poll answer', workshopId, async () => {
				const mine = await readMyPoll(db, workshopId, participantId);
				if (mine) io.to(actorRoom(workshopId, participantId)).emit('poll.mine', mine);
			}),
		// Facilitators get the owners' e-mails; every other screen (phones, observers, projector) the room's copy.
		decisions: (workshopId) =>
			void push('decisions', workshopId, async () => {
				const view = await shared.decisions(db, workshopId);
				io.to(facilitatorsRoom(workshopId)).emit('decisions', view);
				io.to(workshopRoom(workshopId)).except(facilitatorsRoom(workshopId)).emit('decisions', roomView(view));
			}),
		// Placements are not secret, but are pushed coalesced like votes.
		priorities: coalesced('priorities', 'priorities.state', (workshopId) => shared.priorities(db, workshopId)),
		myPriorities: (workshopId, placerId) =>
			void push('own placements', workshopId, async () => {
				const mine = await readMyPlacements(db, workshopId, placerId);
				if (mine) io.to(actorRoom(workshopId, placerId)).emit('priorities.mine', mine);
			}),
		// Facilitators get the draft and the proposals with their authors' names; the room the submitted affiche only.
		proxyNames: (workshopId) =>
			void push('proxy names', workshopId, async () => {
				io.to(facilitatorsRoom(workshopId)).emit('proxy.names', await readProxyNames(db, workshopId));
			}),
		affiche: (workshopId) =>
			void push('affiche', workshopId, async () => {
				const view = await shared.affiche(db, workshopId);
				io.to(facilitatorsRoom(workshopId)).emit('affiche.state', view);
				io.to(workshopRoom(workshopId)).except(facilitatorsRoom(workshopId)).emit('affiche.state', roomAfficheView(view));
			}),
		// 300 phones validating at once: one push of the counts per workshop per window, to the facilitators only.
		afficheCounts: (() => {
			const pushes = new Coalescer(VOTE_PUSH_MS);
			return (workshopId: string) =>
				pushes.schedule(workshopId, () =>
					push('affiche counts', workshopId, async () => {
						io.to(facilitatorsRoom(workshopId)).emit('affiche.state', await shared.affiche(db, workshopId));
					})
				);
		})(),
		myAffiche: (workshopId, participantId) =>
			void push('own affiche answer', workshopId, async () => {
				io.to(actorRoom(workshopId, participantId)).emit('affiche.mine', await readMyAffiche(db, workshopId, participantId));
			}),
		tables: (workshopId) =>
			void push('tables', workshopId, async () => {
				io.to(workshopRoom(workshopId)).emit('tables.state', await shared.tables(db, workshopId));
			}),
		// 60 phones tapping "j'ai fini" at once: one push of the counts per workshop per window.
		readiness: coalesced('readiness', 'readiness.state', (workshopId) => shared.readiness(db, workshopId)),
		myReadiness: (workshopId, participantId) =>
			void push('own readiness', workshopId, async () => {
				io.to(actorRoom(workshopId, participantId)).emit('readiness.mine', await readMyReadiness(db, workshopId, participantId));
			})
	};
	const deps: CommandDeps = { ...base, notify };
	// A version saved here (phase end, periodic, restore) refreshes the facilitators' history lists.
	base.rooms.versions.onSaved((workshopId) => io.to(facilitatorsRoom(workshopId)).emit('versions.changed', { at: Date.now() }));

	// Per person, not per socket: 30 sockets of one participant share one allowance (on every instance).
	const { commands: commandLimiter, notes: noteLimiter } = base.limits;
	const limited = (what: string, ms: number) => ({
		ok: false,
		error: { code: 'rate_limited', message: `too many ${what}; retry in ${Math.ceil(ms / 1000)} s` }
	});

	io.use((socket, next) => {
		const auth = socket.handshake.auth as { workshopId?: unknown; renderedAs?: unknown } | undefined;
		const workshopId = auth?.workshopId;
		if (typeof workshopId !== 'string') return next(refusal('invalid_input', 'auth.workshopId is required'));
		if (auth?.renderedAs !== undefined && typeof auth.renderedAs !== 'string') return next(refusal('invalid_input', 'auth.renderedAs must be a role'));
		(async () => {
			// Before any read, as at the sync gate: one allowance of connections per client address.
			const over = await tooManyConnections(base.limits, socket.request, config.clientAddress);
			if (over) return next(refusal('rate_limited', over.message));
			const found = await shared.workshop(db, workshopId);
			if (!found) return next(refusal('not_found', 'unknown workshop'));
			// An archive is read-only: it has no room to command.
			if (found.status === 'archived') return next(refusal('forbidden', 'an archived workshop is read-only'));
			const resolved = await resolveActor(db, workshopId, socket.handshake.headers.cookie, new Date(), config.sessionDays);
			if ('refusal' in resolved) {
				log.warn({ workshopId, reason: resolved.refusal }, 'live handshake refused');
				return next(refusal(resolved.refusal === 'forbidden' ? 'forbidden' : 'unauthorized', resolved.refusal));
			}
			const staleRole = auth?.renderedAs !== undefined && auth.renderedAs !== resolved.actor.role;
			(socket.data as SocketData) = { actor: resolved.actor, workshopId, staleRole };
			next();
		})().catch((e: Error) => {
			log.error({ workshopId, err: e.message }, 'live handshake failed');
			next(refusal('unavailable', 'try again later'));
		});
	});

	io.on('connection', (socket: Socket) => {
		const { actor, workshopId, staleRole } = socket.data as SocketData;
		// A page made for the role this person had before (promoted or demoted while it was loading
		// or offline): ended as a role change ends open sockets (connections.ts), so it reloads.
		if (staleRole) {
			socket.disconnect(true);
			return;
		}
		// Per-actor rooms let a form action end this socket on any instance (removal, new role),
		// and carry an author's hidden notes to their own screens only.
		void socket.join([
			workshopRoom(workshopId),
			actor.kind === 'observer' ? observersRoom(workshopId) : actorRoom(workshopId, actor.id),
			...(can(actor.role, 'workshop.manage') ? [facilitatorsRoom(workshopId)] : [])
		]);
		// A late joiner or a reconnecting phone gets the agenda and clock at once, and its own hidden notes.
		void push('state', workshopId, async () => {
			socket.emit('workshop.state', await shared.state(db, workshopId));
			const hidden = await hiddenNotesOf(db, workshopId, actor.id);
			if (hidden.length) socket.emit('notes.hidden', hidden.map(({ id, text, prompt }) => ({ id, text, ...(prompt ? { prompt } : {}) })));
			// One's own part is read in the phase the shared state names: no lookup of one's own.
			const vote = await shared.votes(db, workshopId);
			socket.emit('vote.state', vote);
			const mine = actor.kind === 'observer' ? null : await readMyVotes(db, workshopId, actor.id, vote?.phaseId ?? null);
			if (mine) socket.emit('vote.mine', mine);
			const poll = await shared.polls(db, workshopId);
			socket.emit('poll.state', poll);
			const myPoll = actor.kind === 'observer' ? null : await readMyPoll(db, workshopId, actor.id, poll?.phaseId ?? null);
			if (myPoll) socket.emit('poll.mine', myPoll);
		});
		void push('priorities', workshopId, async () => {
			const priorities = await shared.priorities(db, workshopId);
			socket.emit('priorities.state', priorities);
			const mine = actor.kind === 'observer' ? null : await readMyPlacements(db, workshopId, actor.id, priorities?.phaseId ?? null);
			if (mine) socket.emit('priorities.mine', mine);
		});
		void push('decisions', workshopId, async () => {
			const view = await shared.decisions(db, workshopId);
			socket.emit('decisions', can(actor.role, 'workshop.manage') ? view : roomView(view));
		});
		if (can(actor.role, 'workshop.manage'))
			void push('proxy names', workshopId, async () => {
				socket.emit('proxy.names', await readProxyNames(db, workshopId));
			});
		void push('affiche', workshopId, async () => {
			const view = await shared.affiche(db, workshopId);
			socket.emit('affiche.state', can(actor.role, 'workshop.manage') ? view : roomAfficheView(view));
			if (actor.kind === 'participant') socket.emit('affiche.mine', await readMyAffiche(db, workshopId, actor.id, view?.affiche ?? null));
		});
		// A late joiner is seated by the plan's rule when a plan exists (then the whole room gets the
		// plan and counts). Phones know the phase run from the clock: only boards and screens need the counts now.
		void push('tables', workshopId, async () => {
			// Without a plan (the shared view is null) there is no one to seat; seated, the whole room
			// is sent the new plan; otherwise the plan just read is still the plan.
			const plan = await shared.tables(db, workshopId);
			const seated = plan !== null && (await seatLateJoiner(deps, workshopId, actor));
			if (!seated) socket.emit('tables.state', plan);
			if (actor.kind === 'participant') socket.emit('readiness.mine', await readMyReadiness(db, workshopId, actor.id, await shared.phaseRun(db, workshopId)));
			else socket.emit('readiness.state', await shared.readiness(db, workshopId));
		});
		const person = `${workshopId}:${actor.id}`;
		socket.onAny(async (event: string, ...args: unknown[]) => {
			const last = args[args.length - 1];
			const ack = typeof last === 'function' ? (last as (result: unknown) => void) : null;
			// Every event counts against the person's limit, answered or not, known or not.
			const wait = await commandLimiter.check(person);
			if (wait) {
				base.onDropped?.('rate_limited');
				return ack?.(limited('commands', wait));
			}
			if (!ack) {
				// Counted, and logged by a short prefix of its name only: a client chooses the name's length.
				base.onDropped?.('no_ack');
				log.warn({ workshopId, actor: actor.id, event: String(event).slice(0, 40) }, 'live event without acknowledgement dropped');
				return;
			}
			// Observers may listen, never command: refused before any command code runs.
			if (!can(actor.role, 'live.command')) return ack({ ok: false, error: { code: 'forbidden', message: 'your role cannot send commands' } });
			if (event === 'note.add' || event === 'table.note.add') {
				const noteWait = await noteLimiter.check(person);
				if (noteWait) return ack(limited('notes', noteWait));
			}
			const run = Object.hasOwn(COMMANDS, event) ? COMMANDS[event as CommandName] : null;
			if (!run) return ack({ ok: false, error: { code: 'invalid_input', message: `unknown command ${String(event).slice(0, 40)}` } });
			run(deps, actor, workshopId, args[0]).then(ack, (e: Error) => {
				log.error({ workshopId, event, err: e.message }, 'live command crashed');
				ack({ ok: false, error: { code: 'internal', message: 'the server could not apply this command' } });
			});
		});
	});

	return io;
}
