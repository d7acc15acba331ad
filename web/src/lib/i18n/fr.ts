import type { Messages } from './messages.ts';

// French typography wants a non-breaking space before « : ; ? ! », written \u00a0 so it stays visible.
export const fr: Messages = {
  'app.name': 'InsideOut',
  'app.tagline': 'Le dialogue interne d’abord, la parole externe ensuite.',

  'layout.skipToContent': 'Aller au contenu principal',
  'layout.navLabel': 'Principale',
  'layout.language': 'Langue',
  'layout.footer':
    'Anonyme par construction\u00a0: aucune réponse ne peut être rattachée à la personne qui l’a donnée.',
  'layout.apiDocs': 'Documentation de l’API',

  'nav.home': 'Accueil',
  'nav.status': 'État du système',

  'home.title': 'Bienvenue',
  'home.heading': 'Écoutez vos équipes avant de parler en leur nom',
  'home.intro':
    'InsideOut propose des enquêtes pulse courtes et anonymes, pour que managers et RH sachent ce que les équipes ressentent vraiment et puissent répondre à leurs commentaires.',
  'home.anonymity':
    'Les réponses sont anonymes par construction\u00a0: la plateforme ne conserve rien qui relie une réponse à une personne, et n’affiche des résultats que pour des groupes assez grands pour protéger chacun.',
  'home.gate':
    'C’est seulement lorsque le dialogue interne est sain qu’InsideOut ouvre la voie aux campagnes de marque employeur, équipe par équipe.',
  'home.statusLink': 'Suivre l’état du service en direct',

  'status.title': 'État du système',
  'status.intro': 'Le service et sa base de données sont vérifiés toutes les {seconds}\u00a0secondes.',
  'status.service': 'Service',
  'status.healthy': 'Opérationnel',
  'status.unavailable': 'Indisponible',
  'status.checking': 'Vérification…',
  'status.database': 'Base de données',
  'status.migration': 'Dernière migration',
  'status.noMigration': 'Aucune appliquée',
  'status.unknown': 'Inconnue',
  'status.lastChecked': 'Dernière vérification',
  'status.never': 'Pas encore',
  'status.kind.pglite': 'PGlite intégré',
  'status.kind.postgres': 'PostgreSQL',
  'status.responseTimes': 'Temps de réponse',
  'status.chartLabel': 'Temps de réponse des dernières vérifications, en millisecondes',
  'status.chartSummary': 'Temps de réponse médian {median}\u00a0ms, le plus lent {max}\u00a0ms.',
  'status.chartEmpty': 'Aucune vérification réussie pour l’instant.',
  'status.time': 'Heure',
  'status.responseTimeMs': 'Temps de réponse (ms)',
  'status.milliseconds': 'ms',

  'notFound.title': 'Page introuvable',
  'notFound.body': 'Il n’y a rien à cette adresse.',
  'notFound.home': 'Retour à l’accueil',
  'pageError.title': 'Un problème est survenu',

  'error.invalid_input': 'Certaines informations envoyées ne sont pas valides. Vérifiez-les puis réessayez.',
  'error.unauthenticated': 'Votre session a expiré. Veuillez vous reconnecter.',
  'error.forbidden': 'Vous n’avez pas l’autorisation d’effectuer cette action.',
  'error.not_found': 'Nous n’avons pas trouvé ce que vous cherchez. Il a peut-être été supprimé.',
  'error.method_not_allowed': 'Cette action n’est pas disponible ici.',
  'error.conflict': 'Cette opération entre en conflit avec un élément existant. Rechargez la page puis réessayez.',
  'error.pulse_closed': 'Cette enquête pulse est close et n’accepte plus de réponses.',
  'error.gate_not_passed': 'Les critères de lancement de cette campagne ne sont pas encore remplis.',
  'error.payload_too_large': 'Votre envoi est trop volumineux. Raccourcissez-le puis réessayez.',
  'error.unsupported_media_type': 'L’application a envoyé une requête dans un format que le service n’accepte pas.',
  'error.rate_limited': 'Trop de requêtes en peu de temps. Patientez un instant puis réessayez.',
  'error.internal': 'Un problème est survenu de notre côté. Veuillez réessayer.',
  'error.unavailable': 'Le service est momentanément indisponible. Réessayez dans quelques minutes.',
  'error.network': 'Impossible de joindre le service. Vérifiez votre connexion puis réessayez.',
  'error.unexpected': 'Un événement inattendu s’est produit. Veuillez recharger la page.',
  'error.reference': 'Si le problème persiste, communiquez la référence {requestId} au support.',
};
