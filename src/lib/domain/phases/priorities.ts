import { defineKind } from './kind.ts';

/** The top items on a desirability × feasibility matrix. */
export const priorities = defineKind({ type: 'priorities', settings: ['categories'] });
