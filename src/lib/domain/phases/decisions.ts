import { defineKind } from './kind.ts';

/** Decisions and commitments, written by the facilitator; the room reads them. */
export const decisions = defineKind({ type: 'decisions' });
