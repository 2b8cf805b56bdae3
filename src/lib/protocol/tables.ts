import type { AssignMode } from '../domain/tables/assign.ts';
import type { ReadinessCounts } from '../domain/tables/readiness.ts';
import type { Category } from '../domain/workshop/categories.ts';
import type { TableExtraTime } from '../domain/tables/timer.ts';

/**
 * Tables and readiness over `/live` (issue 13). The facilitators create, rename and remove
 * tables and seat people (by hand, at random or balanced by collège); every change is pushed
 * to every screen as `tables.state`. Participants say "j'ai fini" (`readiness.set`); screens
 * get the counts as `readiness.state` (never who), and each person their own answer as `readiness.mine`.
 */
export const TABLE_NAME_MAX = 80;
export const TABLE_INSTRUCTIONS_MAX = 500;
export const TABLES_MAX = 30;
/** How many notes a table's reporter picks as its contribution to the plenary, at most. */
export const CONTRIBUTIONS_MAX = 3;

export interface TableMember {
	id: string;
	displayName: string;
	category: Category;
}

export interface TableView {
	id: string;
	name: string;
	instructions: string;
	members: TableMember[];
	/** The member who picks the table's contributions (null: none named). */
	reporterId: string | null;
	/** The notes of the table's area picked as its contribution to the plenary, in order. */
	picks: string[];
	/** Extra time the facilitator gave this table, valid in the phase run it names only (null: none). */
	extraTime: TableExtraTime | null;
}

/** The table plan: its tables in order with their members, and who sits nowhere yet. */
export interface TablesView {
	tables: TableView[];
	unseated: TableMember[];
}

/** A phase run's readiness: the phase and when it started (going back to a phase starts afresh). */
export interface ReadinessState {
	phaseId: string;
	startedAt: number;
	counts: ReadinessCounts;
}

export interface TableCommands {
	/** Adds a table at the end of the plan (facilitators). */
	'table.create': { input: { commandId: string; name: string; instructions: string }; result: { tableId: string } };
	/** Renames a table and sets its instructions (facilitators). */
	'table.update': { input: { commandId: string; tableId: string; name: string; instructions: string }; result: { tableId: string } };
	/** Removes a table; its people sit nowhere until seated again (facilitators). */
	'table.delete': { input: { commandId: string; tableId: string }; result: { tableId: string } };
	/** Seats one participant at a table by hand, or at none (null) (facilitators). */
	'table.assign': { input: { commandId: string; participantId: string; tableId: string | null }; result: { participantId: string; tableId: string | null } };
	/** Seats every current participant at the existing tables, balanced by collège or at random (facilitators). */
	'tables.split': { input: { commandId: string; mode: Exclude<AssignMode, 'manual'>; seed?: number }; result: { seated: number; tables: number } };
	/** Names a table's reporter (null: none): facilitators, or a member of that table naming a member of it. */
	'table.reporter': { input: { commandId: string; tableId: string; participantId: string | null }; result: { tableId: string; reporterId: string | null } };
	/** The reporter picks (or drops) a note of the table's area as its contribution, up to CONTRIBUTIONS_MAX. */
	'table.pick': { input: { commandId: string; tableId: string; noteId: string; picked: boolean }; result: { tableId: string; picks: string[] } };
	/** Gives one table more time in the phase run on, on top of the phase's (facilitators); answers its extra time. */
	'table.extend': { input: { commandId: string; tableId: string; minutes: number }; result: { tableId: string; extraTime: TableExtraTime } };
	/** A note written into a table's own area of the board: one's own table only (facilitators: any). */
	'table.note.add': { input: { commandId: string; tableId: string; text: string }; result: { noteId: string; tableId: string } };
	/** A participant says they are done with the phase on (or takes it back). */
	'readiness.set': { input: { commandId: string; done: boolean }; result: { phaseId: string; startedAt: number; done: boolean } };
}

export interface TableEvents {
	'tables.state': TablesView | null;
	'readiness.state': ReadinessState | null;
	/** One's own "j'ai fini" in the phase run on (to one's own sockets only). */
	'readiness.mine': { phaseId: string; startedAt: number; done: boolean } | null;
}
