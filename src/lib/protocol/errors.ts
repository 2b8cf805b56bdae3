/**
 * Errors are values: a stable code (clients branch on it and translate it with the i18n key
 * `error.<code>`) and a plain English message for logs and outside clients. Never a stack.
 */
export const ERROR_CODES = [
	'invalid_input',
	'unauthorized',
	'forbidden',
	'not_found',
	'conflict',
	'too_large',
	'rate_limited',
	'locked',
	'phase_closed',
	'over_budget',
	'over_cap',
	'unavailable',
	'internal'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
	code: ErrorCode;
	message: string;
	/**
	 * What a client needs to explain a refusal in its own words, when the code alone cannot
	 * (a persona field changed meanwhile: `current` text and `by`, the name of who changed it).
	 */
	detail?: Record<string, string>;
}

export class CommandError extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string,
		readonly detail?: Record<string, string>
	) {
		super(message);
		this.name = 'CommandError';
	}
	toBody(): ErrorBody {
		return this.detail ? { code: this.code, message: this.message, detail: this.detail } : { code: this.code, message: this.message };
	}
}
