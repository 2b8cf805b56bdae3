import { newStemmer } from 'snowball-stemmers';

/**
 * French text as a bag of comparable terms: post-its are short, often typed on a phone, with
 * accents missing, elisions (l'accueil, qu'on), abbreviations (rdv, tél) and hyphenated
 * compounds. Every comparison happens on accent-folded stems, so "démarches" and "demarche"
 * meet; what a person reads (labels) keeps the words as they were written.
 */

/** One content word of a note: its comparable stem and the word as written (lowercase). */
export interface Term {
	stem: string;
	surface: string;
}

/** Removes accents and splits ligatures: "Œuvre à l'été" → "Oeuvre a l'ete". */
export function foldAccents(text: string): string {
	// Most words have no accent: skip the costly decomposition for them.
	if (/^[\t\n\r\u0020-\u007e]*$/.test(text)) return text;
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/œ/g, 'oe')
		.replace(/Œ/g, 'OE')
		.replace(/æ/g, 'ae')
		.replace(/Æ/g, 'AE');
}

// Elided articles, pronouns and conjunctions before a vowel: l'accueil, d'attente, qu'on, jusqu'à.
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)'/;

/**
 * Abbreviations and spelling variants common on post-its, keyed by their folded form, mapped
 * to the word a label should show. Kept to forms that mean one thing in a public-service
 * workshop; anything else is left as written.
 */
const VARIANTS: Record<string, string> = {
	rdv: 'rendez-vous',
	rdvs: 'rendez-vous',
	tel: 'téléphone',
	tels: 'téléphones',
	pb: 'problème',
	pbs: 'problèmes',
	pbm: 'problème',
	appli: 'application',
	applis: 'applications',
	info: 'information',
	infos: 'informations',
	ordi: 'ordinateur',
	ordis: 'ordinateurs',
	admin: 'administration',
	mail: 'courriel',
	mails: 'courriels',
	email: 'courriel',
	emails: 'courriels',
	mel: 'courriel',
	dispo: 'disponible',
	dispos: 'disponibles',
	doc: 'document',
	docs: 'documents',
	perso: 'personnel',
	pers: 'personnes',
	dej: 'déjeuner',
	bcp: 'beaucoup',
	qd: 'quand',
	ds: 'dans',
	pr: 'pour',
	tjs: 'toujours',
	tjrs: 'toujours',
	svt: 'souvent',
	mn: 'minutes',
	min: 'minutes',
	h: 'heure'
};

/** Two-word compounds written with a hyphen, a space or glued, read as one word. */
const COMPOUNDS: Record<string, string> = {
	'rendez vous': 'rendez-vous',
	'apres midi': 'après-midi',
	'e mail': 'courriel',
	'coupe file': 'coupe-file',
	'peut etre': 'peut-être'
};

/**
 * Words that say nothing about a note's subject: articles, pronouns, prepositions, auxiliaries
 * and the fillers of spoken French (the Snowball French list, folded, plus post-it habits).
 */
const STOP_WORDS = new Set(
	(
		'a ai aie aient aies ait as au aucun aucune aussi autre autres aux avaient avais avait avec avez aviez avions avoir avons ' +
		'ayant ayez ayons bah beaucoup bien c ca car ce ceci cela celle celles celui cependant certains ces cet cette ceux chaque chez ' +
		'comme comment d dans de des deja donc dont du elle elles en encore es est et etaient etais etait etant etc ete etes etiez ' +
		'etions etre eu eue eues eurent eus eusse eussent eusses eussiez eussions eut eutes eux faire fais fait faites faut fois ' +
		'fut furent fus fusse fussent fusses fussiez fussions futes ici il ils j je jamais l la le les leur leurs lui m ma mais ' +
		'me meme memes mes moi mon moins n ne ni non nos notre nous on ont ou oui par parce parfois pas peu peut peut-etre peuvent ' +
		'plus plutot pour pourquoi pourrait pouvoir quand que quel quelle quelles quels qu qui quoi rien s sa sans se sera serai ' +
		'seraient serais serait seras serez seriez serions serons seront ses si sinon soi soient sois soit sommes son sont sous ' +
		'souvent soyez soyons suis sur t ta te tes toi ton toujours tous tout toute toutes tres trop tu un une unes uns vers ' +
		'vos votre vous vraiment y'
	).split(' ')
);

/** True for words that carry no subject (compared folded: "très" and "tres" alike). */
export function isStopWord(word: string): boolean {
	return STOP_WORDS.has(foldAccents(word));
}

const TIME = /^\d{1,2}h(?:\d{2})?$/;

/**
 * The words of a text, lowercased, elisions removed, abbreviations expanded and compounds
 * joined, accents kept as written. Numbers go; times ("16h30") become "heure", since on a
 * post-it they are about opening hours, not a particular minute.
 */
export function words(text: string): string[] {
	const raw = text
		.normalize('NFC')
		.toLocaleLowerCase('fr')
		.replace(/[’‘ʼ`´]/g, "'")
		.split(/[^\p{L}\p{N}'-]+/u);
	const out: string[] = [];
	for (const chunk of raw) {
		for (const token of chunk.split('-')) {
			let w = token;
			while (ELISION.test(w)) w = w.replace(ELISION, '');
			for (const part of w.split("'")) {
				if (part === '') continue;
				if (TIME.test(part)) out.push('heure');
				else if (!/^\p{N}+$/u.test(part)) out.push(part);
			}
		}
	}
	return joinCompounds(out).map((w) => VARIANTS[foldAccents(w)] ?? w);
}

function joinCompounds(ws: string[]): string[] {
	const out: string[] = [];
	for (let i = 0; i < ws.length; i++) {
		const pair = i + 1 < ws.length ? COMPOUNDS[`${foldAccents(ws[i])} ${foldAccents(ws[i + 1])}`] : undefined;
		if (pair) {
			out.push(pair);
			i++;
		} else out.push(ws[i]);
	}
	return out;
}

const french = newStemmer('french');

/**
 * The Snowball French stem of a word, computed on its accent-folded form so that a word typed
 * without accents gets the same stem as the same word typed with them.
 */
export function stem(word: string): string {
	return french.stem(foldAccents(word.toLocaleLowerCase('fr')).replace(/-/g, ''));
}

/** The content terms of a text, in order: stop words and one-letter leftovers dropped. */
export function terms(text: string, stemOf: (word: string) => string = stem): Term[] {
	const out: Term[] = [];
	for (const w of words(text)) {
		if (STOP_WORDS.has(foldAccents(w)) || [...w].length < 2) continue;
		out.push({ stem: stemOf(w), surface: w });
	}
	return out;
}
