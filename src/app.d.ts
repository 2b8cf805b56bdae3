import type { Facilitator } from '../server/db/repositories/facilitators.ts';
import type { Locale } from '$lib/i18n';

declare global {
	namespace App {
		interface Locals {
			facilitator: Facilitator | null;
			locale: Locale;
		}
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};
