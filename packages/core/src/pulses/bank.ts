/**
 * The built-in question bank: eleven drivers, three items each, in English and French. `{org}` is
 * replaced by the organisation's name when a pulse is composed. Keys are stable forever: trends
 * across pulses follow them.
 */
export type QuestionKind = 'likert5' | 'nps11' | 'text';

export const drivers = [
  'engagement',
  'ambassadorship',
  'recognition',
  'feedback_dialogue',
  'growth',
  'manager_relationship',
  'peer_relationship',
  'alignment',
  'autonomy',
  'wellbeing_workload',
  'freedom_of_opinion',
] as const;
export type Driver = (typeof drivers)[number];

export const driverNames: Record<Driver, { en: string; fr: string }> = {
  engagement: { en: 'Engagement', fr: 'Engagement' },
  ambassadorship: { en: 'Ambassadorship', fr: 'Ambassadeurs' },
  recognition: { en: 'Recognition', fr: 'Reconnaissance' },
  feedback_dialogue: { en: 'Feedback & dialogue', fr: 'Feedback et dialogue' },
  growth: { en: 'Growth', fr: 'Développement' },
  manager_relationship: { en: 'Relationship with manager', fr: 'Relation avec le manager' },
  peer_relationship: { en: 'Relationship with peers', fr: 'Relations entre collègues' },
  alignment: { en: 'Alignment', fr: 'Alignement' },
  autonomy: { en: 'Autonomy', fr: 'Autonomie' },
  wellbeing_workload: { en: 'Wellbeing & workload', fr: 'Bien-être et charge de travail' },
  freedom_of_opinion: { en: 'Freedom of opinion', fr: "Liberté d'expression" },
};

export interface BankQuestion {
  key: string;
  driver: Driver;
  kind: QuestionKind;
  text: { en: string; fr: string };
}

const likert = (key: string, driver: Driver, en: string, fr: string): BankQuestion => ({
  key: `bank:${key}`,
  driver,
  kind: 'likert5',
  text: { en, fr },
});

export const enpsKey = 'bank:ambassadorship.enps';

export const bank: readonly BankQuestion[] = [
  likert('engagement.1', 'engagement', 'I am glad I work at {org}.', 'Je suis content·e de travailler chez {org}.'),
  likert(
    'engagement.2',
    'engagement',
    'I rarely think about looking for a job elsewhere.',
    'Je pense rarement à chercher un emploi ailleurs.',
  ),
  likert(
    'engagement.3',
    'engagement',
    'My work gives me a sense of accomplishment.',
    "Mon travail me donne un sentiment d'accomplissement.",
  ),
  {
    key: enpsKey,
    driver: 'ambassadorship',
    kind: 'nps11',
    text: {
      en: 'How likely are you to recommend {org} as a place to work?',
      fr: 'Quelle est la probabilité que vous recommandiez {org} comme employeur ?',
    },
  },
  likert(
    'ambassadorship.2',
    'ambassadorship',
    'I am proud to tell others where I work.',
    'Je suis fier·ère de dire où je travaille.',
  ),
  likert(
    'ambassadorship.3',
    'ambassadorship',
    'I would be comfortable sharing our news on my own social networks.',
    "Je serais à l'aise pour partager nos actualités sur mes propres réseaux sociaux.",
  ),
  likert(
    'recognition.1',
    'recognition',
    'When I do good work, it is noticed.',
    'Quand je fais du bon travail, cela se remarque.',
  ),
  likert(
    'recognition.2',
    'recognition',
    'I feel valued for what I bring to my team.',
    "Je me sens reconnu·e pour ce que j'apporte à mon équipe.",
  ),
  likert('recognition.3', 'recognition', 'Recognition here is fair.', 'La reconnaissance est équitable ici.'),
  likert(
    'feedback_dialogue.1',
    'feedback_dialogue',
    'I receive useful feedback on my work.',
    'Je reçois des retours utiles sur mon travail.',
  ),
  likert(
    'feedback_dialogue.2',
    'feedback_dialogue',
    'When I raise a concern, I get an answer.',
    "Quand je fais remonter une préoccupation, j'obtiens une réponse.",
  ),
  likert(
    'feedback_dialogue.3',
    'feedback_dialogue',
    'Leaders here listen to what employees say.',
    'Ici, la direction écoute ce que disent les salariés.',
  ),
  likert('growth.1', 'growth', 'I am learning and growing in my role.', "J'apprends et je progresse dans mon poste."),
  likert('growth.2', 'growth', 'I can see a future for myself here.', 'Je peux envisager mon avenir ici.'),
  likert(
    'growth.3',
    'growth',
    'I have the opportunities I need to develop my skills.',
    "J'ai les opportunités nécessaires pour développer mes compétences.",
  ),
  likert(
    'manager_relationship.1',
    'manager_relationship',
    'My manager cares about me as a person.',
    'Mon manager se soucie de moi en tant que personne.',
  ),
  likert(
    'manager_relationship.2',
    'manager_relationship',
    'My manager keeps me informed about what matters.',
    'Mon manager me tient informé·e de ce qui compte.',
  ),
  likert('manager_relationship.3', 'manager_relationship', 'I trust my manager.', "J'ai confiance en mon manager."),
  likert(
    'peer_relationship.1',
    'peer_relationship',
    'I can count on my colleagues when I need help.',
    "Je peux compter sur mes collègues quand j'ai besoin d'aide.",
  ),
  likert(
    'peer_relationship.2',
    'peer_relationship',
    'People in my team treat each other with respect.',
    'Dans mon équipe, chacun traite les autres avec respect.',
  ),
  likert(
    'peer_relationship.3',
    'peer_relationship',
    'I feel I belong in my team.',
    "J'ai le sentiment d'appartenir à mon équipe.",
  ),
  likert('alignment.1', 'alignment', "I understand {org}'s goals.", 'Je comprends les objectifs de {org}.'),
  likert(
    'alignment.2',
    'alignment',
    'I see how my work contributes to those goals.',
    'Je vois comment mon travail contribue à ces objectifs.',
  ),
  likert(
    'alignment.3',
    'alignment',
    'I believe in where {org} is heading.',
    'Je crois en la direction que prend {org}.',
  ),
  likert(
    'autonomy.1',
    'autonomy',
    'I have a say in how I do my work.',
    "J'ai mon mot à dire sur la façon dont je fais mon travail.",
  ),
  likert(
    'autonomy.2',
    'autonomy',
    'I am trusted to make decisions in my role.',
    'On me fait confiance pour prendre des décisions dans mon poste.',
  ),
  likert(
    'autonomy.3',
    'autonomy',
    'I have the tools and resources to do my job well.',
    "J'ai les outils et les moyens de bien faire mon travail.",
  ),
  likert(
    'wellbeing_workload.1',
    'wellbeing_workload',
    'My workload is manageable.',
    'Ma charge de travail est soutenable.',
  ),
  likert(
    'wellbeing_workload.2',
    'wellbeing_workload',
    'I can switch off from work when I need to.',
    "Je peux déconnecter du travail quand j'en ai besoin.",
  ),
  likert(
    'wellbeing_workload.3',
    'wellbeing_workload',
    'Stress at work is at a level I can handle.',
    'Le stress au travail reste à un niveau que je peux gérer.',
  ),
  likert(
    'freedom_of_opinion.1',
    'freedom_of_opinion',
    'I can voice a contrary opinion without fear.',
    'Je peux exprimer un avis contraire sans crainte.',
  ),
  likert(
    'freedom_of_opinion.2',
    'freedom_of_opinion',
    'People here can speak up about problems.',
    'Ici, on peut parler ouvertement des problèmes.',
  ),
  likert(
    'freedom_of_opinion.3',
    'freedom_of_opinion',
    'Honest opinions are welcome, even critical ones.',
    'Les avis sincères sont les bienvenus, même critiques.',
  ),
];

export function bankQuestion(key: string): BankQuestion | undefined {
  return bank.find((question) => question.key === key);
}

/** The bank's text for an org: `{org}` becomes its name. */
export function personalise(text: { en: string; fr: string }, orgName: string) {
  return { en: text.en.replaceAll('{org}', orgName), fr: text.fr.replaceAll('{org}', orgName) };
}

/** Valid answer values of each kind; `text` items take comments, not values. */
export const valueRange: Record<QuestionKind, { min: number; max: number } | null> = {
  likert5: { min: 1, max: 5 },
  nps11: { min: 0, max: 10 },
  text: null,
};
