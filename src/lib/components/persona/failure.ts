import type { Translate } from '$lib/i18n';
import type { ErrorCode } from '$lib/protocol/errors';

/** A refused persona write, in words: "phase closed" is about personas here, not ideas. */
export function personaFailure(t: Translate, code: ErrorCode): string {
	return code === 'phase_closed' ? t('persona.error.phase_closed') : t(`error.${code}`);
}
