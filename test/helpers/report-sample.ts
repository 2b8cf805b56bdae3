import type { Board } from '../../src/lib/domain/board/board.ts';
import type { Note } from '../../src/lib/domain/board/notes.ts';
import type { Persona } from '../../src/lib/domain/board/personas.ts';
import { voteResults } from '../../src/lib/domain/vote/results.ts';
import type { Decision } from '../../src/lib/domain/decisions/decision.ts';
import type { ReportInput } from '../../src/lib/domain/report/report.ts';

/** Texts with what every format must carry intact: accents, « guillemets », €, non-Latin names. */
export const SAMPLE_DECISIONS: Decision[] = [
	{
		id: 'd1',
		title: 'Créer un guichet « tout-en-un » à l’accueil',
		text: 'Budget prévu : 12 000 € ; ouverture à l’été.',
		commits: ['agent', 'owner'],
		responsible: 'Service état civil',
		dueDate: '2026-06-30',
		answerBy: '2026-03-15',
		status: 'confirmed',
		sourceId: null
	},
	{
		id: 'd2',
		title: 'Rappeler sous 48 h | sans « répondeur »',
		text: '',
		commits: ['usager'],
		responsible: ' service  état civil ',
		dueDate: '2026-04-01',
		answerBy: null,
		status: 'proposed',
		sourceId: null
	},
	{ id: 'd3', title: 'Écrire en français facile', text: '', commits: [], responsible: '', dueDate: null, answerBy: null, status: 'confirmed', sourceId: null },
	{ id: 'd4', title: 'Abandonnée', text: '', commits: [], responsible: 'DSI', dueDate: null, answerBy: null, status: 'dropped', sourceId: null }
];

const note = (id: string, text: string, extra: Partial<Note> = {}): Note => ({
	id,
	text,
	x: 0,
	y: 0,
	color: 'yellow',
	authorId: 'p-secret',
	authorCategory: 'usager',
	createdAt: Number(id.replace(/\D/g, '')),
	updatedAt: 0,
	...extra
});

const persona: Persona = {
	id: 'pe1',
	fields: { name: 'Fatima', age: '67 ans', situation: 'Retraitée', quote: 'Je veux parler à quelqu’un.', digital: 'Pas d’ordinateur', disability: '', language: '', mobility: '', time: '' },
	lists: { needs: [{ id: 'i1', text: 'Un rendez-vous', authorId: 'x', at: 1 }], frustrations: [], goals: [], channels: [], contactPoints: [] },
	noteIds: [],
	order: 0,
	createdAt: 1
};

export const SAMPLE_BOARD: Board = {
	notes: [
		note('n2', 'Horaires du soir', { clusterId: 'c1', authorCategory: 'agent' }),
		note('n1', 'Un seul numéro', { clusterId: 'c1', proxy: { name: 'Mme Proxy' } }),
		note('n3', 'Dossier # perdu', { origin: { workshopId: 'w0', workshopTitle: 'Séance agents', sessionKey: 'agents', noteId: 'x' } }),
		note('n4', 'Orphan', { clusterId: 'gone' })
	],
	clusters: [
		{ id: 'c2', label: 'Vide', color: 'blue', x: 0, y: 0, order: 2, createdAt: 2 },
		{ id: 'c1', label: 'Accueil', color: 'blue', x: 0, y: 0, order: 1, createdAt: 1 }
	],
	personas: [persona],
	scales: [
		{
			id: 's1',
			leftPole: 'Relation idéale',
			rightPole: 'Relation chaotique',
			createdAt: 1,
			markers: [
				{ participantId: 'a', category: 'usager', value: 80, at: 1 },
				{ participantId: 'b', category: 'usager', value: 60, at: 1 },
				{ participantId: 'c', category: 'agent', value: 20, at: 1 }
			]
		}
	],
	sections: []
};

export function sampleInput(extra: Partial<ReportInput> = {}): ReportInput {
	return {
		now: new Date('2026-03-02T10:00:00Z'),
		locale: 'fr',
		workshop: { id: 'w1', title: 'Accueil « ville » — été', status: 'ended', place: 'Maison de quartier, salle 2', createdAt: new Date('2026-02-01T09:00:00Z'), startedAt: new Date('2026-02-12T09:00:00Z') },
		owners: [{ name: 'Надежда Петрова', organisation: 'Mairie' }],
		facilitators: ['Camille'],
		participants: [
			{ category: 'usager', ageBand: '25-39', gender: 'woman' },
			{ category: 'usager', ageBand: null, gender: null },
			{ category: 'agent', ageBand: '40-59', gender: 'man' }
		],
		askAgeBand: true,
		askGender: false,
		expectedPanel: { categories: { usager: 4, agent: 2, elu: 1 }, ageBands: { '25-39': 2 } },
		board: SAMPLE_BOARD,
		votes: [
			{
				phaseId: 'v1',
				title: 'Vote',
				results: voteResults({
					itemIds: ['c1', 'c2'],
					phoneVotes: [
						{ voterId: 'a', category: 'usager', itemId: 'c1', dots: 3 },
						{ voterId: 'c', category: 'agent', itemId: 'c2', dots: 2 }
					]
				}),
				labels: { c1: 'Accueil', c2: 'Vide' }
			}
		],
		priorities: [
			{
				phaseId: 'pr1',
				title: 'Matrice',
				confirmed: [{ id: 'c2', label: 'Vide' }],
				medians: [
					{ itemId: 'c1', placers: 2, overall: { desirability: 80, feasibility: 70 }, byCategory: [] },
					{ itemId: 'c2', placers: 0, overall: null, byCategory: [] }
				],
				labels: { c1: 'Accueil', c2: 'Vide' }
			}
		],
		decisions: SAMPLE_DECISIONS,
		tables: [],
		...extra
	};
}
