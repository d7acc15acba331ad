import type { DialogueMessages } from '../messages.ts';

/** French messages of a conversation about a comment: see `./en.ts`. */
export const dialogueFr: DialogueMessages = {
  'dialogue.general': 'Commentaire général',
  'dialogue.staffMember': 'Membre de l’encadrement',
  'dialogue.employee': 'Collaborateur',
  'dialogue.threadLabel': 'Échanges',
  'dialogue.ack.thanks': 'Merci',
  'dialogue.ack.on_it': 'Nous nous en occupons',
  'dialogue.ack.done': 'C’est fait',
  'dialogue.ack.need_detail': 'Besoin de précisions',
  'conversation.title': 'Vos commentaires et les réponses',
  'conversation.intro':
    'Lisez ce que vos managers et les RH ont répondu aux commentaires envoyés avec une enquête, et répondez-leur. Vous restez anonyme\u00a0: seul votre code de reçu prouve que ces commentaires sont les vôtres.',
  'conversation.lost.title': 'Votre code de reçu est le seul moyen d’y revenir',
  'conversation.lost.body':
    'Il est conservé sur l’appareil avec lequel vous avez répondu, et nulle part ailleurs. S’il est perdu, personne ne peut le retrouver ni retrouver vos commentaires\u00a0: ni votre manager, ni les RH, ni les personnes qui font fonctionner InsideOut. C’est ce qui les garde anonymes. Notez-le si vous voulez suivre vos commentaires depuis un autre appareil.',
  'conversation.reading': 'Recherche des codes de reçu sur cet appareil…',
  'conversation.noneOnDevice':
    'Aucun code de reçu de réponses avec commentaires n’est conservé sur cet appareil. Si vous en avez un, saisissez-le ci-dessous.',
  'conversation.untitled': 'Vos commentaires',
  'conversation.receiptCode': 'Code de reçu',
  'conversation.fromDevice': '(conservé sur cet appareil)',
  'conversation.loading': 'Chargement de vos commentaires…',
  'conversation.noComments': 'Ces réponses ont été envoyées sans commentaire\u00a0: il n’y a pas d’échange à suivre.',
  'conversation.retry': 'Réessayer',
  'conversation.pulseOpen':
    'L’enquête est encore ouverte. Vos commentaires parviendront à vos managers à sa clôture, si votre groupe est assez grand.',
  'conversation.you': 'Vous',
  'conversation.yourComment': 'Votre commentaire',
  'conversation.noReplyYet': 'Pas encore de réponse.',
  'conversation.state.unanswered': 'En attente de réponse',
  'conversation.state.answered': 'Réponse reçue',
  'conversation.state.follow_up': 'Vous avez répondu',
  'conversation.state.addressed': 'Marqué comme traité',
  'conversation.visibility.pending':
    'Pas encore affiché\u00a0: les commentaires apparaissent à la clôture de l’enquête.',
  'conversation.visibility.shown': 'Affiché aux managers de {unit} et aux responsables RH, sans votre nom.',
  'conversation.visibility.not_shown':
    'Affiché à personne\u00a0: moins de {k} personnes ont répondu, même dans toute l’organisation, et le commentaire reste donc non lu pour vous protéger.',
  'conversation.followUp.label': 'Répondre',
  'conversation.followUp.hint':
    'Jusqu’à 2 000 caractères. Vous restez anonyme\u00a0: votre message apparaît comme venant d’un «\u00a0Collaborateur\u00a0», avec le jour seulement.',
  'conversation.followUp.empty': 'Écrivez d’abord votre réponse.',
  'conversation.followUp.send': 'Envoyer ma réponse',
  'conversation.followUp.sent': 'Votre réponse a été envoyée.',
  'conversation.followUp.conflict':
    'Ce commentaire ne peut pas recevoir de réponse pour l’instant\u00a0: il n’est affiché à personne, ou son enquête est encore ouverte. Rechargez la page pour voir où il en est.',
  'conversation.lookup.title': 'Ouvrir un autre code de reçu',
  'conversation.lookup.titleFirst': 'Ouvrir un code de reçu',
  'conversation.lookup.intro':
    'Vous avez répondu sur un autre appareil\u00a0? Saisissez le code de reçu que vous avez noté.',
  'conversation.lookup.label': 'Code de reçu',
  'conversation.lookup.hint': '16 lettres et chiffres, par exemple 7KQ2-M9XD-4TRB-0HZF.',
  'conversation.lookup.invalid': 'Un code de reçu compte 16 lettres et chiffres.',
  'conversation.lookup.open': 'Ouvrir',
  'conversation.lookup.notFound':
    'Aucun commentaire n’a ce code de reçu. Vérifiez-le\u00a0; des réponses envoyées sans commentaire n’ont pas d’échange.',
};
