import { defineKind } from './kind.ts';

/** Decisions and commitments, written by the facilitator; the room reads them (and still does once the workshop has ended). */
export const decisions = defineKind({ type: 'decisions', showsDecisions: true });
