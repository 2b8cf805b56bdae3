import { defineKind } from './kind.ts';

/** Welcome and framing: the room listens; phones show the phase and its instructions. */
export const welcome = defineKind({ type: 'welcome' });
