/**
 * Themes that come back in every consultation about a public service's reception, each with
 * the everyday words people use for it. Post-its on one theme often share no word at all
 * ("personne ne décroche au standard", "le numéro sonne dans le vide"); words alone cannot
 * see that they say the same thing, a person can. This small thesaurus lends the clustering
 * that knowledge, without any outside service. A word may belong to several themes.
 *
 * Words are written as people write them; they are compared by stem, accents folded, so one
 * form per word family is enough (e.g. "fermer" also covers "fermé", "fermée", "fermés").
 */
export const THEMES = {
	horaires: [
		'horaire', 'ouverture', 'ouvrir', 'ouvert', 'fermeture', 'fermer', 'heure', 'matin', 'soir', 'midi',
		'après-midi', 'aprem', 'nocturne', 'samedi', 'dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi',
		'vendredi', 'week-end', 'tard', 'tôt', 'pause', 'déjeuner', 'vacances', 'permanence'
	],
	rendezVous: [
		'rendez-vous', 'créneau', 'réserver', 'réservation', 'annuler', 'annulation', 'déplacer', 'reporter',
		'agenda', 'planning', 'convocation', 'prise', 'disponible', 'disponibilité', 'complet', 'urgence'
	],
	enLigne: [
		'site', 'internet', 'web', 'ligne', 'formulaire', 'mot de passe', 'passe', 'identifiant', 'compte', 'connexion',
		'connecter', 'franceconnect', 'application', 'télécharger', 'fichier', 'pièce', 'justificatif', 'dossier',
		'valider', 'validation', 'bug', 'bugger', 'planter', 'page', 'espace', 'portail', 'dématérialisation',
		'dématérialiser', 'lisible', 'portable', 'smartphone', 'clic', 'cliquer', 'suivi', 'suivre', 'avancement'
	],
	accessibilite: [
		'accessibilité', 'accessible', 'pmr', 'handicap', 'handicapé', 'fauteuil', 'roulant', 'rampe', 'ascenseur',
		'escalier', 'marche', 'poussette', 'canne', 'béquille', 'malvoyant', 'malentendant', 'sourd', 'aveugle',
		'mobilité', 'étage', 'toilettes', 'entrée', 'local', 'locaux'
	],
	attente: [
		'attente', 'attendre', 'file', 'queue', 'ticket', 'tour', 'debout', 'chaise', 'asseoir', 'assis', 'salle',
		'patienter', 'temps', 'coupe-file', 'prioritaire', 'priorité', 'écran', 'affluence', 'foule',
		'numéroté', 'longue', 'déborder'
	],
	langage: [
		'courrier', 'lettre', 'jargon', 'sigle', 'acronyme', 'vocabulaire', 'terme', 'compréhensible',
		'incompréhensible', 'comprendre', 'compris', 'compliqué', 'simple', 'simplifier', 'clair', 'clarté', 'falc',
		'expliquer', 'explication', 'lexique', 'traduire', 'traduction', 'langue', 'lire', 'lecture', 'administratif',
		'cerfa', 'relance', 'écrire', 'français'
	],
	accompagnementNumerique: [
		'accompagnement', 'accompagner', 'aide', 'aider', 'conseiller', 'médiateur', 'médiation', 'atelier',
		'formation', 'informatique', 'ordinateur', 'imprimante', 'imprimer', 'scanner', 'scanne', 'poste',
		'libre', 'senior', 'âgé', 'illectronisme', 'tablette', 'montrer', 'apprendre', 'autonomie',
		'numérique', 'courriel', 'adresse', 'france services'
	],
	telephone: [
		'téléphone', 'téléphonique', 'appeler', 'appel', 'rappeler', 'joignable', 'injoignable',
		'standard', 'décrocher', 'raccrocher', 'sonner', 'numéro', 'musique', 'fil', 'répondeur', 'répondre',
		'transférer', 'renvoyer', 'couper', 'direct'
	],
	relationHumaine: [
		'agent', 'sourire', 'souriant', 'aimable', 'amabilité', 'poli', 'politesse', 'respect', 'respecter', 'écoute',
		'écouter', 'gentil', 'gentillesse', 'bienveillance', 'bienveillant', 'chaleureux', 'juger', 'jugement',
		'mépris', 'patience', 'patient', 'empathie', 'humain', 'relation', 'recevoir', 'froid', 'désagréable', 'énerver', 'agressif'
	],
	confidentialite: [
		'confidentialité', 'confidentiel', 'discrétion', 'discret', 'entendre', 'intimité', 'voix', 'nom', 'privé',
		'personnel', 'isolé', 'comptoir', 'sujet'
	],
	orientation: ['signalétique', 'panneau', 'orientation', 'orienter', 'trouver', 'plan', 'fléchage'],
	stationnement: ['parking', 'stationnement', 'stationner', 'garer', 'bus', 'tram', 'vélo', 'transport', 'navette'],
	delais: ['délai', 'traitement', 'traiter', 'réponse', 'relance', 'retard', 'mois', 'semaine', 'dossier', 'suivi'],
	paiement: ['payer', 'paiement', 'payant', 'carte bancaire', 'espèces', 'chèque', 'frais', 'gratuit', 'tarif', 'prix'],
	locaux: ['propreté', 'propre', 'sale', 'chauffage', 'froid', 'hall', 'wifi', 'lumière', 'bruit', 'confort', 'déco'],
	papiers: ['passeport', 'carte', 'identité', 'état civil', 'civil', 'acte', 'naissance', 'mariage', 'décès', 'titre', 'séjour', 'permis']
} satisfies Record<string, readonly string[]>;

/** How a cluster joined by a theme rather than by a shared word is named. */
export const THEME_TITLES: Record<keyof typeof THEMES, string> = {
	horaires: 'Horaires d’ouverture',
	rendezVous: 'Rendez-vous',
	enLigne: 'Démarches en ligne',
	accessibilite: 'Accessibilité',
	attente: 'Attente',
	langage: 'Langage administratif',
	accompagnementNumerique: 'Accompagnement numérique',
	telephone: 'Téléphone',
	relationHumaine: 'Qualité de l’accueil',
	confidentialite: 'Confidentialité',
	orientation: 'Orientation',
	stationnement: 'Stationnement',
	delais: 'Délais',
	paiement: 'Paiement',
	locaux: 'Locaux',
	papiers: 'Papiers d’identité'
};
