import type { PhaseKind } from './kind.ts';
import { welcome } from './welcome.ts';
import { pitch } from './pitch.ts';
import { ideation } from './ideation.ts';
import { persona } from './persona.ts';
import { positioning } from './positioning.ts';
import { clustering } from './clustering.ts';
import { vote } from './vote.ts';
import { poll } from './poll.ts';
import { priorities } from './priorities.ts';
import { decisions } from './decisions.ts';
import { breakKind } from './break.ts';
import { free } from './free.ts';

/** Every phase kind, in the order the agenda editor offers them. A new kind is one line here. */
const KINDS = [welcome, pitch, ideation, persona, positioning, clustering, vote, poll, priorities, decisions, breakKind, free] as const;

export type PhaseType = (typeof KINDS)[number]['type'];
export const PHASE_TYPES = KINDS.map((k) => k.type) as [PhaseType, ...PhaseType[]];

const BY_TYPE = new Map<string, PhaseKind>(KINDS.map((k) => [k.type, k]));

/** The kind of a phase type (a type no longer known reads as a welcome: nothing open). */
export function kindOf(type: string): PhaseKind {
	return BY_TYPE.get(type) ?? welcome;
}

/** Before the first phase starts, the board is free. */
export const BEFORE_START: PhaseKind = free;
