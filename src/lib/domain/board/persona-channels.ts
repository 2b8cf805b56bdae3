import { PERSONA_CHANNELS, type PersonaItem } from './personas.ts';

export type PersonaChannel = (typeof PERSONA_CHANNELS)[number];

/**
 * The channels list holds both one-tap choices (stored by their key, so every screen shows
 * them in its own language and an export can name them) and free text. A free text that names
 * a known channel in French or English ("Téléphone", "e-mail", "visite à domicile") counts as
 * that channel, so the chip shows it as chosen instead of listing it twice.
 */
const ALIASES: Record<PersonaChannel, readonly string[]> = {
	guichet: ['guichet', 'accueil', 'counter', 'frontdesk'],
	telephone: ['telephone', 'tel', 'phone'],
	web: ['web', 'siteweb', 'siteinternet', 'internet', 'website'],
	courrier: ['courrier', 'letter', 'post'],
	email: ['email', 'mail', 'courriel'],
	application: ['application', 'appli', 'app', 'mobileapp', 'applicationmobile'],
	visite: ['visite', 'visiteadomicile', 'homevisit']
};

const squash = (text: string) =>
	text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');

/** The known channel an item's text names, or null for a free text. */
export function channelOf(text: string): PersonaChannel | null {
	const key = squash(text);
	if (!key) return null;
	return PERSONA_CHANNELS.find((c) => ALIASES[c].includes(key)) ?? null;
}

/** The items of a channels list that stand for `channel` (usually one; two if added at once). */
export function channelItems(items: readonly PersonaItem[], channel: PersonaChannel): PersonaItem[] {
	return items.filter((i) => channelOf(i.text) === channel);
}

/** The free-text channels: those that name no known channel. */
export function otherChannels(items: readonly PersonaItem[]): PersonaItem[] {
	return items.filter((i) => channelOf(i.text) === null);
}
