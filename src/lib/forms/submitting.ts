import type { SubmitFunction } from '@sveltejs/kit';

/**
 * `use:enhance` for our forms: reports busy while the request runs (the submit button is
 * disabled meanwhile) and keeps what was typed when the server answers with errors.
 */
export function submitting(setBusy: (busy: boolean) => void): SubmitFunction {
	return () => {
		setBusy(true);
		return async ({ update }) => {
			await update({ reset: false });
			setBusy(false);
		};
	};
}
