import { defineKind } from './kind.ts';

/** The project owner's pitch: the room listens. */
export const pitch = defineKind({ type: 'pitch' });
