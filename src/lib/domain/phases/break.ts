import { defineKind } from './kind.ts';

/** A break: phones say so, nothing is open. */
export const breakKind = defineKind({ type: 'break', phone: 'rest' });
