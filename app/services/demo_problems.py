"""What clients report to the hotline, per product, and the wording of the history's entries."""

from __future__ import annotations

from app.domain.vocabulary import Origin
from app.services.demo_catalogue import ProblemSpec

FEATURE, DBMS, PERIPHERAL, USAGE = Origin.FEATURE, Origin.DBMS, Origin.PERIPHERAL, Origin.USAGE

PROBLEMS: dict[str, tuple[ProblemSpec, ...]] = {
    "FIN": (
        ProblemSpec(
            "Édition des mandats bloquée après la mise à jour",
            FEATURE,
            "Depuis l'installation de la dernière version, l'édition du bordereau de mandats reste "
            "bloquée à 0 % et le poste ne répond plus.",
            "Éditer les mandats un par un depuis la fiche du mandat en attendant le correctif.",
            "Correctif installé : le modèle d'édition des bordereaux est corrigé.",
        ),
        ProblemSpec(
            "Flux PES V2 rejeté par la trésorerie",
            FEATURE,
            "Le flux PES V2 des titres de la semaine est rejeté par Hélios (anomalie sur le bloc pièce).",
            "Transmettre le flux corrigé à la main sur le portail de la DGFiP.",
            "Paramétrage du code produit corrigé ; flux régénéré et accepté par la trésorerie.",
        ),
        ProblemSpec(
            "Erreur de connexion à la base de données au démarrage",
            DBMS,
            "Message « Impossible de se connecter au serveur de base de données » à l'ouverture, sur tous les postes.",
            None,
            "Service de base de données redémarré après saturation du disque du serveur ; espace libéré "
            "avec le client.",
        ),
        ProblemSpec(
            "Comment annuler un titre émis sur l'exercice précédent ?",
            USAGE,
            "La secrétaire doit annuler un titre de l'an dernier émis par erreur et ne trouve pas la procédure.",
            None,
            "Procédure d'annulation par réduction de titre expliquée pas à pas ; fiche pratique envoyée.",
        ),
        ProblemSpec(
            "Reprise des résultats impossible au budget primitif",
            FEATURE,
            "L'assistant de reprise des résultats s'arrête sur « compte 002 introuvable ».",
            "Saisir la reprise par une écriture manuelle au compte 002.",
            "Plan de comptes de l'exercice mis à jour ; reprise effectuée par l'assistant.",
        ),
        ProblemSpec(
            "Clé de signature du parapheur non reconnue",
            PERIPHERAL,
            "Le certificat de signature sur clé USB n'est plus reconnu à la signature des bordereaux.",
            "Signer depuis le poste de la direction, où la clé fonctionne.",
            "Pilote du lecteur de certificat réinstallé ; signature des bordereaux rétablie.",
            "Clé USB de signature électronique",
        ),
        ProblemSpec(
            "Balance générale déséquilibrée après clôture",
            DBMS,
            "Après la clôture de l'exercice, la balance présente un écart entre débit et crédit.",
            None,
            "Cumuls recalculés avec l'accord écrit du client ; balance équilibrée.",
        ),
        ProblemSpec(
            "Dépôt des factures sur Chorus Pro en échec",
            FEATURE,
            "L'envoi des factures vers Chorus Pro se termine par « identifiant de structure inconnu ».",
            "Déposer les factures directement sur le site Chorus Pro.",
            "Numéro SIRET du service corrigé dans les paramètres ; dépôts acceptés.",
        ),
    ),
    "PAIE": (
        ProblemSpec(
            "DSN mensuelle rejetée par net-entreprises",
            FEATURE,
            "Le dépôt de la DSN du mois est rejeté : anomalie bloquante sur le taux de prélèvement à la source.",
            "Corriger le taux dans le fichier avant dépôt (procédure fournie).",
            "Mise à jour des taux intégrée ; DSN redéposée et acceptée.",
        ),
        ProblemSpec(
            "Calcul erroné du supplément familial de traitement",
            FEATURE,
            "Le SFT d'un agent à temps partiel est calculé sur la base d'un temps plein.",
            "Saisir le montant en rubrique manuelle ce mois-ci.",
            "Règle de proratisation corrigée dans le correctif du mois.",
        ),
        ProblemSpec(
            "Bulletins de paie non imprimés",
            PERIPHERAL,
            "L'impression des bulletins s'arrête après la première page sur l'imprimante du service.",
            "Imprimer les bulletins en PDF puis depuis le lecteur PDF.",
            "Pilote d'imprimante remplacé par le pilote universel ; impression complète.",
            "Imprimante du service ressources humaines",
        ),
        ProblemSpec(
            "Comment saisir un agent en temps partiel thérapeutique ?",
            USAGE,
            "Première situation de ce type dans la collectivité ; la gestionnaire demande la marche à suivre.",
            None,
            "Saisie de la position administrative faite ensemble ; documentation envoyée.",
        ),
        ProblemSpec(
            "Lenteur extrême au calcul de la paie",
            DBMS,
            "Le calcul de la paie prend plus d'une heure depuis lundi, contre quelques minutes avant.",
            None,
            "Index reconstruits et statistiques de la base mises à jour ; calcul en 4 minutes.",
        ),
        ProblemSpec(
            "Revalorisation du point d'indice non appliquée",
            USAGE,
            "La revalorisation n'apparaît pas sur les bulletins du mois.",
            None,
            "La mise à jour des grilles n'avait pas été lancée ; procédure réalisée avec le client.",
        ),
    ),
    "CIVIL": (
        ProblemSpec(
            "Mention marginale absente de l'acte imprimé",
            FEATURE,
            "La mention de mariage saisie hier n'apparaît pas sur la copie intégrale de l'acte de naissance.",
            "Ajouter la mention à la main sur la copie délivrée.",
            "Modèle de copie intégrale corrigé ; mentions imprimées.",
        ),
        ProblemSpec(
            "Demandes COMEDEC en attente depuis deux jours",
            FEATURE,
            "Les demandes de vérification COMEDEC restent au statut « en attente ».",
            "Répondre aux notaires par courrier en attendant.",
            "Certificat de la plateforme COMEDEC renouvelé ; échanges rétablis.",
        ),
        ProblemSpec(
            "Impression des livrets de famille décalée",
            PERIPHERAL,
            "L'impression sur les livrets de famille est décalée d'un centimètre vers le bas.",
            None,
            "Marges de l'imprimante réglées et modèle recalé.",
            "Imprimante laser de l'état civil",
        ),
        ProblemSpec(
            "Comment rectifier une erreur matérielle sur un acte de décès ?",
            USAGE,
            "Une faute dans le prénom du défunt a été signalée par la famille.",
            None,
            "Procédure de rectification administrative expliquée ; mention apposée.",
        ),
        ProblemSpec(
            "Registre des décès inaccessible : fichier verrouillé",
            DBMS,
            "Message « fichier en cours d'utilisation » à l'ouverture du registre des décès.",
            "Ouvrir le registre depuis le poste du serveur.",
            "Verrou resté après une coupure réseau supprimé ; contrôle d'intégrité de la base passé.",
        ),
        ProblemSpec(
            "Numérotation des actes repartie à 1 en cours d'année",
            FEATURE,
            "Le dernier acte de naissance porte le numéro 1 alors que le registre en compte 37.",
            None,
            "Compteur de l'année rétabli ; acte renuméroté avec l'accord du client.",
        ),
    ),
    "ELEC": (
        ProblemSpec(
            "Synchronisation avec le REU bloquée",
            FEATURE,
            "Les mouvements de la commission de contrôle ne remontent plus vers le répertoire électoral unique.",
            "Saisir les mouvements urgents directement sur le portail ELIRE.",
            "Jeton d'accès au REU renouvelé ; file des mouvements rejouée.",
        ),
        ProblemSpec(
            "Cartes électorales : adresse tronquée",
            FEATURE,
            "Les adresses longues sont coupées sur les cartes électorales.",
            None,
            "Modèle de carte corrigé pour les adresses sur deux lignes.",
        ),
        ProblemSpec(
            "Étiquettes de propagande décalées à l'impression",
            PERIPHERAL,
            "Les étiquettes d'adresses pour la propagande électorale sont décalées d'une colonne.",
            None,
            "Format de planche d'étiquettes corrigé dans les paramètres d'impression.",
            "Imprimante d'étiquettes",
        ),
        ProblemSpec(
            "Comment éditer la liste d'émargement par bureau ?",
            USAGE,
            "Le client prépare le scrutin et cherche l'édition par bureau de vote.",
            None,
            "Édition montrée en prise en main à distance.",
        ),
        ProblemSpec(
            "Procurations absentes après l'import",
            DBMS,
            "Après l'import des procurations, la liste reste vide ; une erreur SQL s'affiche.",
            None,
            "Table des procurations réparée ; import relancé.",
        ),
    ),
    "CIME": (
        ProblemSpec(
            "Plan du cimetière ne s'affiche plus",
            FEATURE,
            "L'onglet du plan reste blanc depuis la mise à jour.",
            "Consulter les emplacements depuis la liste des concessions.",
            "Composant d'affichage du plan réinstallé.",
        ),
        ProblemSpec(
            "Alertes d'échéance des concessions non envoyées",
            FEATURE,
            "Aucune alerte n'a été reçue pour les concessions arrivant à échéance ce trimestre.",
            None,
            "Adresse d'envoi des alertes corrigée ; alertes du trimestre renvoyées.",
        ),
        ProblemSpec(
            "Comment enregistrer une reprise de concession ?",
            USAGE,
            "La commune engage une procédure de reprise de concessions abandonnées.",
            None,
            "Étapes de la procédure de reprise détaillées ; modèle de procès-verbal fourni.",
        ),
        ProblemSpec(
            "Erreur SQL à la recherche d'un défunt",
            DBMS,
            "La recherche par nom renvoie « erreur d'exécution de la requête ».",
            None,
            "Index de recherche reconstruit.",
        ),
    ),
    "EAU": (
        ProblemSpec(
            "Facturation semestrielle : abonnement compté deux fois",
            FEATURE,
            "Sur la facture du semestre, la part fixe de l'abonnement apparaît en double.",
            "Annuler et refaire les factures concernées avant envoi.",
            "Calcul de la part fixe corrigé ; factures régénérées.",
        ),
        ProblemSpec(
            "Import des relevés du terminal en échec",
            PERIPHERAL,
            "Le fichier de relève du terminal portable est refusé : « format de fichier inconnu ».",
            "Saisir les index à la main depuis la liste de relève imprimée.",
            "Micrologiciel du terminal mis à jour ; import accepté.",
            "Terminal portable de relève",
        ),
        ProblemSpec(
            "Prélèvements SEPA rejetés par la banque",
            FEATURE,
            "Le fichier de prélèvement du mois est rejeté : identifiant créancier invalide.",
            "Envoyer le fichier corrigé à la banque par son portail.",
            "Identifiant créancier SEPA corrigé dans les paramètres.",
        ),
        ProblemSpec(
            "Comment facturer une fermeture de branchement ?",
            USAGE,
            "Un abonné quitte la commune ; la secrétaire ne sait pas établir la facture de clôture.",
            None,
            "Procédure de résiliation d'abonnement expliquée ; facture établie.",
        ),
        ProblemSpec(
            "Base de facturation endommagée après une coupure électrique",
            DBMS,
            "Depuis la coupure de cette nuit, le logiciel affiche « base de données endommagée ».",
            None,
            "Base restaurée depuis la sauvegarde de la veille ; saisies du matin refaites par le client.",
        ),
    ),
    "TEMPS": (
        ProblemSpec(
            "Badgeuse du hall ne remonte plus les pointages",
            PERIPHERAL,
            "Depuis ce matin la badgeuse du hall affiche « hors ligne » et les pointages ne remontent "
            "plus dans le logiciel.",
            "Saisir les pointages de la journée à la main depuis la feuille de présence.",
            "Adresse IP de la badgeuse reconfigurée après changement de box ; pointages récupérés.",
            "Badgeuse BT-200 (hall d'entrée)",
        ),
        ProblemSpec(
            "Badgeuse des services techniques décalée d'une heure",
            PERIPHERAL,
            "Depuis le changement d'heure, les pointages des ateliers sont enregistrés une heure plus tôt.",
            None,
            "Fuseau horaire de la badgeuse corrigé ; pointages recalculés.",
            "Badgeuse BT-200 (services techniques)",
        ),
        ProblemSpec(
            "Compteurs d'heures supplémentaires faux après clôture du mois",
            FEATURE,
            "Après la clôture mensuelle, les compteurs de plusieurs agents sont remis à zéro.",
            "Reporter les soldes à la main sur le mois suivant.",
            "Correctif de la clôture mensuelle installé ; compteurs recalculés.",
        ),
        ProblemSpec(
            "Comment paramétrer un cycle de travail sur quatre jours ?",
            USAGE,
            "La collectivité expérimente la semaine de quatre jours pour les services techniques.",
            None,
            "Cycle de travail créé avec le client ; fiche pratique envoyée.",
        ),
        ProblemSpec(
            "Planning annuel inaccessible : erreur de base de données",
            DBMS,
            "L'ouverture du planning annuel se termine par un dépassement de délai de la base.",
            None,
            "Journal de transactions de la base réduit ; planning accessible.",
        ),
        ProblemSpec(
            "Badges non reconnus après remplacement du lecteur",
            PERIPHERAL,
            "Les badges des agents sont refusés sur le nouveau lecteur USB.",
            "Pointer avec le code personnel en attendant.",
            "Format de lecture des badges réglé sur le nouveau lecteur.",
            "Lecteur de badges USB",
        ),
    ),
    "PORTAIL": (
        ProblemSpec(
            "Paiement en ligne des factures de cantine refusé",
            FEATURE,
            "Les usagers reçoivent « transaction refusée » au paiement des factures de cantine.",
            "Proposer le paiement en régie ou par chèque le temps du correctif.",
            "Paramètres du module de paiement renouvelés ; paiements acceptés.",
        ),
        ProblemSpec(
            "Les usagers ne reçoivent plus le courriel de confirmation",
            FEATURE,
            "Les demandes en ligne sont bien enregistrées mais aucun courriel n'est envoyé.",
            None,
            "Relais de messagerie du portail réparé ; courriels en attente envoyés.",
        ),
        ProblemSpec(
            "Comment publier un nouveau formulaire de démarche ?",
            USAGE,
            "Le service souhaite mettre en ligne une demande de réservation de salle.",
            None,
            "Formulaire créé et publié avec le client.",
        ),
        ProblemSpec(
            "Portail usagers inaccessible (erreur 500)",
            DBMS,
            "Le portail affiche une erreur 500 à la connexion des usagers.",
            None,
            "Connexions à la base du portail saturées ; limite relevée et service redémarré.",
        ),
        ProblemSpec(
            "Rendez-vous passeport : créneaux réservés en double",
            FEATURE,
            "Deux usagers ont obtenu le même créneau de rendez-vous pour un passeport.",
            "Bloquer les créneaux à la main dans l'agenda.",
            "Verrouillage des créneaux corrigé dans la version suivante.",
        ),
    ),
    "OUTBACK": (
        ProblemSpec(
            "Sauvegarde externalisée en échec depuis trois nuits",
            FEATURE,
            "Le rapport de réception n'arrive plus ; l'agent Outback indique « échec d'authentification ».",
            "Lancer une sauvegarde manuelle sur disque local en attendant.",
            "Certificat de l'agent renouvelé ; sauvegarde de la nuit reçue et rapport envoyé.",
        ),
        ProblemSpec(
            "Demande de restauration de la base des finances",
            USAGE,
            "Suite à une fausse manipulation, le client demande la restauration de la dernière sauvegarde reçue.",
            None,
            "Demande écrite reçue de la personne responsable ; dernière sauvegarde restaurée.",
        ),
        ProblemSpec(
            "Alerte de dépassement du quota de sauvegarde",
            USAGE,
            "Le client reçoit une alerte de dépassement du volume de sauvegarde prévu au contrat.",
            None,
            "Dossiers de documents numérisés exclus de la sauvegarde ; volume revenu sous le quota.",
        ),
        ProblemSpec(
            "Rapport de réception : un fichier manque",
            FEATURE,
            "Le rapport de réception de la nuit ne mentionne pas la base de la paie.",
            None,
            "Chemin de la base de paie ajouté au jeu de sauvegarde.",
        ),
        ProblemSpec(
            "Sauvegarde de la base SQL Server incomplète",
            DBMS,
            "La sauvegarde de la base SQL Server s'arrête à 60 % avec une erreur d'accès.",
            None,
            "Droits du compte de service sur l'instance SQL Server corrigés.",
        ),
        ProblemSpec(
            "Disque USB de sauvegarde locale non détecté",
            PERIPHERAL,
            "Le disque de la sauvegarde locale n'est plus vu par l'agent Outback.",
            None,
            "Lettre de lecteur du disque réattribuée ; sauvegarde locale reprise.",
            "Disque USB de sauvegarde",
        ),
    ),
}

NOTES: tuple[str, ...] = (
    "Copies d'écran demandées au client.",
    "Client rappelé : absent, message laissé au secrétariat.",
    "Prise en main à distance planifiée avec le client.",
    "Escalade au service développement.",
    "Problème reproduit sur la plateforme de test.",
    "Client relancé par e-mail.",
    "Journal d'erreurs récupéré et joint au dossier.",
    "Point fait avec le client : le blocage est partiel, l'activité continue.",
)
CREATED_TEXT = {
    "phone": "Appel de {caller}.",
    "portal": "Déclaré sur l'espace client par {caller}.",
    "mail": "Courrier de {caller} reçu et enregistré.",
    "email": "E-mail de {caller} reçu et enregistré.",
    "other": "Signalé par {caller} lors d'une formation.",
}
FIRST_CALL_NOTE = "Premiers éléments recueillis au téléphone ; rappel prévu après analyse."
FOLLOW_UP_CALLS: tuple[str, ...] = (
    "Appel de {caller} : point sur l'avancement.",
    "Rappel de {caller} : le problème persiste.",
    "Appel de {caller} pour un complément d'information.",
)
ACCEPTED_TEXT = "Contournement accepté par {caller}."
REOPEN_TEXT = "Réouverture : le problème se reproduit selon {caller}."
CLOSE_TEXTS: tuple[str, ...] = (
    "Clôture après confirmation du client.",
    "Clôture après confirmation du client.",
    "Clôture sans retour du client après relance.",
)
GENERIC_WORKAROUND = "Procédure de contournement transmise au client en attendant le correctif."
DIAGNOSIS_TEXT = "Diagnostic : {origin}. Estimation : {estimate} min."
OUT_OF_CONTRACT_TEXT = " Demande hors contrat ({exclusion}) : diagnostic et estimation fournis, intervention sur devis."
SECOND_FIX_TEXT = "Nouvelle intervention : {resolution}"
