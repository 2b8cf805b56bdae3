import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseTemplateFile, templateFileText, validateTemplate, type TemplateProblem } from './validate.ts';
import { BUILTIN_IDS, builtinTemplate } from './builtins.ts';
import { sessionMinutes } from './instantiate.ts';

const WORKSHOPS = new URL('../../../../workshops/', import.meta.url);
const files = readdirSync(WORKSHOPS).filter((f) => f.endsWith('.json'));
const read = (f: string) => readFileSync(new URL(f, WORKSHOPS), 'utf8');

describe('built-in templates (every file in workshops/)', () => {
	test('there are the three built-ins, and every file is bundled', () => {
		expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual([...BUILTIN_IDS].sort());
		expect(BUILTIN_IDS).toEqual(expect.arrayContaining(['flash-360', 'vivre-ensemble', 'consultation-express']));
	});

	test.each(files)('%s is valid', (f) => {
		const result = parseTemplateFile(read(f));
		expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([]);
	});

	test('flash-360 lasts 180 minutes with the DITP steps in order', () => {
		const t = builtinTemplate('flash-360');
		expect(sessionMinutes(t)).toEqual([180]);
		expect(t.sessions[0].phases.map((p) => p.type)).toEqual([
			'welcome', 'pitch', 'ideation', 'persona', 'ideation', 'break', 'clustering', 'vote', 'priorities', 'decisions'
		]);
		const crash = t.sessions[0].phases.find((p) => p.id === 'crash-test')!;
		expect(crash.settings.prompts!.map((p) => p.fr)).toEqual([
			'Fond : obstacles', 'Fond : leviers', 'Forme : obstacles', 'Forme : leviers',
			'Juridique : obstacles', 'Juridique : leviers', 'Financier : obstacles', 'Financier : leviers'
		]);
	});

	test('vivre-ensemble is three two-hour workshops: agents, users (two weeks to a month later), then mixed', () => {
		const t = builtinTemplate('vivre-ensemble');
		expect(sessionMinutes(t)).toEqual([120, 120, 120]);
		expect(t.sessions.map((s) => [s.key, s.audience])).toEqual([
			['agents', ['agent']],
			['usagers', ['usager']],
			['mixte', ['agent', 'usager']]
		]);
		expect(t.sessions[1].gapBefore).toEqual({ minDays: 14, maxDays: 30 });
		expect(t.sessions[2].importsFrom).toEqual(['agents', 'usagers']);
		expect(t.sessions[0].phases.find((p) => p.type === 'positioning')?.settings.leftPole?.fr).toBe('Relation idéale');
		expect(t.sessions[2].phases.at(-1)?.id).toBe('affiche');
	});

	test('the quick consultation lasts 45 minutes', () => {
		expect(sessionMinutes(builtinTemplate('consultation-express'))).toEqual([45]);
	});

	test('the quick consultation opens with a three-choice poll after the welcome', () => {
		const poll = builtinTemplate('consultation-express').sessions[0].phases[1];
		expect([poll.type, poll.settings.question?.fr, poll.settings.choices?.length]).toEqual(['poll', 'Avez-vous déjà fait cette démarche en ligne ?', 3]);
	});

	test('an exported file reads back as the same template', () => {
		for (const id of BUILTIN_IDS) {
			const again = parseTemplateFile(templateFileText(builtinTemplate(id)));
			expect(again.ok && again.template).toEqual(builtinTemplate(id));
		}
	});
});

describe('a phase text has a part for the room and a note for the facilitator', () => {
	test('the Flash 360 keeps its coaching out of what the room reads', () => {
		const accueil = builtinTemplate('flash-360').sessions[0].phases[0];
		expect(accueil.facilitatorNote?.fr).toMatch(/désillusion/);
		expect(accueil.instructions.fr).not.toMatch(/désillusion/);
	});

	test('a file made before the note existed still imports, without one', () => {
		const t = JSON.parse(read('flash-360.json'));
		for (const p of t.sessions[0].phases) delete p.facilitatorNote;
		const r = parseTemplateFile(JSON.stringify(t));
		expect(r.ok && r.template.sessions[0].phases.every((p) => p.facilitatorNote === undefined)).toBe(true);
	});

	test('a note needs both languages', () => {
		const text = broken((t) => (t.sessions[0].phases[0].facilitatorNote = { fr: 'Rappelez la suite' }));
		expect(problems(text)[0].path).toBe('sessions[0].phases[0].facilitatorNote.en');
	});
});

/** A copy of the quick consultation, broken by `edit`. */
function broken(edit: (t: any) => void): string { // eslint-disable-line @typescript-eslint/no-explicit-any
	const t = JSON.parse(read('consultation-express.json'));
	edit(t);
	return JSON.stringify(t);
}
const problems = (text: string): Pick<TemplateProblem, 'path' | 'code' | 'message'>[] => {
	const r = parseTemplateFile(text);
	if (r.ok) throw new Error('accepted a broken file');
	return r.problems.map(({ path, code, message }) => ({ path, code, message }));
};

describe('broken template files are refused, naming the field and the problem', () => {
	test.each<[string, string, { path: string; code: string; message: string }]>([
		['not JSON', '{"format": "concerto-template",', { path: '', code: 'json', message: expect.stringMatching(/^not a JSON file/) }],
		['another kind of file', '[1, 2, 3]', { path: '', code: 'notTemplate', message: expect.stringContaining('not a Concerto template') }],
		['wrong format', broken((t) => (t.format = 'miro-board')), { path: 'format', code: 'notTemplate', message: expect.stringContaining('"format": "concerto-template"') }],
		['newer version', broken((t) => (t.version = 7)), { path: 'version', code: 'newerVersion', message: 'version: version 7 is newer than this Concerto reads (1)' }],
		['missing name', broken((t) => delete t.name), { path: 'name', code: 'required', message: 'name: is required' }],
		['missing English title', broken((t) => delete t.sessions[0].phases[1].title.en), { path: 'sessions[0].phases[1].title.en', code: 'required', message: 'sessions[0].phases[1].title.en: is required' }],
		['blank French title', broken((t) => (t.sessions[0].phases[0].title.fr = '   ')), { path: 'sessions[0].phases[0].title.fr', code: 'empty', message: 'sessions[0].phases[0].title.fr: must not be empty' }],
		['phase too long', broken((t) => (t.sessions[0].phases[2].minutes = 600)), { path: 'sessions[0].phases[2].minutes', code: 'tooBig', message: 'sessions[0].phases[2].minutes: must be at most 480' }],
		['zero minutes', broken((t) => (t.sessions[0].phases[2].minutes = 0)), { path: 'sessions[0].phases[2].minutes', code: 'tooSmall', message: 'sessions[0].phases[2].minutes: must be at least 1' }],
		['minutes not whole', broken((t) => (t.sessions[0].phases[2].minutes = 7.5)), { path: 'sessions[0].phases[2].minutes', code: 'notInteger', message: 'sessions[0].phases[2].minutes: must be a whole number' }],
		['minutes as text', broken((t) => (t.sessions[0].phases[2].minutes = '10')), { path: 'sessions[0].phases[2].minutes', code: 'type', message: 'sessions[0].phases[2].minutes: must be a number' }],
		['unknown phase type', broken((t) => (t.sessions[0].phases[1].type = 'brainstorm')), { path: 'sessions[0].phases[1].type', code: 'oneOf', message: expect.stringMatching(/^sessions\[0\]\.phases\[1\]\.type: must be one of: welcome, pitch, ideation/) }],
		['unknown category', broken((t) => (t.sessions[0].audience = ['citoyen'])), { path: 'sessions[0].audience[0]', code: 'oneOf', message: 'sessions[0].audience[0]: must be one of: agent, usager, elu, expert, autre' }],
		['unknown field', broken((t) => (t.sessions[0].phases[0].duration = 5)), { path: 'sessions[0].phases[0]', code: 'unknownKeys', message: 'sessions[0].phases[0]: unknown field(s): duration' }],
		['no phases', broken((t) => (t.sessions[0].phases = [])), { path: 'sessions[0].phases', code: 'tooFew', message: 'sessions[0].phases: needs at least 1 item(s)' }],
		['duplicate phase id', broken((t) => (t.sessions[0].phases[3].id = 'idees')), { path: 'sessions[0].phases[3].id', code: 'duplicate', message: 'sessions[0].phases[3].id: duplicate phase id "idees"' }],
		['bad phase id', broken((t) => (t.sessions[0].phases[0].id = 'Accueil !')), { path: 'sessions[0].phases[0].id', code: 'pattern', message: 'sessions[0].phases[0].id: must be 1-40 lowercase letters, digits or dashes' }],
		['more dots on one item than the budget', broken((t) => (t.sessions[0].phases[4].settings = { dots: 3, maxDotsPerItem: 5 })), { path: 'sessions[0].phases[4].settings.maxDotsPerItem', code: 'maxDotsOverBudget', message: 'sessions[0].phases[4].settings.maxDotsPerItem: must not exceed dots' }],
		['a setting its kind does not take', broken((t) => (t.sessions[0].phases[2].settings = { dots: 3 })), { path: 'sessions[0].phases[2].settings.dots', code: 'settingForKind', message: 'sessions[0].phases[2].settings.dots: "dots" does not apply to phases of type ideation' }],
		['a scale with one pole', broken((t) => Object.assign(t.sessions[0].phases[1], { type: 'positioning', settings: { leftPole: { fr: 'Idéale', en: 'Ideal' } } })), { path: 'sessions[0].phases[1].settings.rightPole', code: 'poles', message: 'sessions[0].phases[1].settings.rightPole: a scale needs both poles' }],
		['too many prompts', broken((t) => (t.sessions[0].phases[2].settings = { prompts: Array.from({ length: 13 }, (_, i) => ({ fr: `q${i}`, en: `q${i}` })) })), { path: 'sessions[0].phases[2].settings.prompts', code: 'tooMany', message: 'sessions[0].phases[2].settings.prompts: must have at most 12 items' }],
		['title too long', broken((t) => (t.name.fr = 'x'.repeat(121))), { path: 'name.fr', code: 'tooLong', message: 'name.fr: must be at most 120 characters' }],
		['import from a later session', broken((t) => t.sessions.push({ ...t.sessions[0], key: 'suite', importsFrom: ['bilan'] })), { path: 'sessions[1].importsFrom[0]', code: 'importsFrom', message: 'sessions[1].importsFrom[0]: "bilan" is not an earlier session' }],
		['duplicate session key', broken((t) => t.sessions.push({ ...t.sessions[0] })), { path: 'sessions[1].key', code: 'duplicate', message: 'sessions[1].key: duplicate session key "atelier"' }],
		['gap before the first session', broken((t) => (t.sessions[0].gapBefore = { minDays: 14, maxDays: 30 })), { path: 'sessions[0].gapBefore', code: 'firstGap', message: 'sessions[0].gapBefore: the first session has no session before it' }],
		['gap upside down', broken((t) => t.sessions.push({ ...t.sessions[0], key: 'suite', gapBefore: { minDays: 30, maxDays: 14 } })), { path: 'sessions[1].gapBefore.maxDays', code: 'gapOrder', message: 'sessions[1].gapBefore.maxDays: must not be below minDays' }]
	])('%s', (_name, text, expected) => {
		expect(problems(text)).toEqual([expected]);
	});

	test('a file over 256 KB is refused before parsing', () => {
		expect(problems(' '.repeat(256 * 1024 + 1))).toEqual([{ path: '', code: 'fileTooLarge', message: 'the file is larger than 256 KB' }]);
	});

	test('a template with many problems lists each, up to twenty', () => {
		const text = broken((t) => {
			for (const p of t.sessions[0].phases) p.minutes = -1;
			t.description = 'short';
		});
		const found = problems(text);
		expect(found.map((p) => p.path)).toEqual(expect.arrayContaining(['description', 'sessions[0].phases[0].minutes', 'sessions[0].phases[4].minutes']));
		expect(found).toHaveLength(7);
	});

	test('a value that is not a file at all is refused the same way', () => {
		const r = validateTemplate(null);
		expect(r.ok).toBe(false);
	});
});
