<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Application</name>
    <message>
        <source>Could not write the screenshot to {path}.</source>
        <translation>Impossible d&apos;enregistrer la capture dans {path}.</translation>
    </message>
    <message>
        <source>The window was still loading after {seconds} s; the screenshot may be incomplete.</source>
        <translation>La fenêtre chargeait encore après {seconds}&#xa0;s&#xa0;; la capture peut être incomplète.</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <source>Operation failed</source>
        <translation>Opération impossible</translation>
    </message>
    <message>
        <source>The operation could not be completed. Details are in the log file.</source>
        <translation>L&apos;opération n&apos;a pas pu aboutir. Le détail figure dans le journal de l&apos;application.</translation>
    </message>
</context>
<context>
    <name>ClientDetailPanel</name>
    <message>
        <source>INSTALLATION SITES</source>
        <translation>SITES D&apos;INSTALLATION</translation>
    </message>
    <message>
        <source>CONTACTS</source>
        <translation>CONTACTS</translation>
    </message>
    <message>
        <source>INSTALLED PRODUCTS</source>
        <translation>PRODUITS INSTALLÉS</translation>
    </message>
    <message>
        <source>CONTRACTS</source>
        <translation>CONTRATS</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactif</translation>
    </message>
    <message numerus="yes">
        <source>Fewer than two trained technical contacts (RTC): %n trained RTC on file.</source>
        <translation>
            <numerusform>Moins de deux responsables techniques (RTC) formés&#xa0;: %n RTC formé enregistré.</numerusform>
            <numerusform>Moins de deux responsables techniques (RTC) formés&#xa0;: %n RTC formés enregistrés.</numerusform>
        </translation>
    </message>
    <message>
        <source>None recorded.</source>
        <translation>Aucun enregistrement.</translation>
    </message>
    <message>
        <source>Since {date}</source>
        <translation>Depuis le {date}</translation>
    </message>
    <message>
        <source>Former site</source>
        <translation>Ancien site</translation>
    </message>
    <message>
        <source>From {start} to {end}</source>
        <translation>Du {start} au {end}</translation>
    </message>
    <message>
        <source>Move notified on {date} ({channel})</source>
        <translation>Déménagement signalé le {date} ({channel})</translation>
    </message>
    <message>
        <source>Move not notified</source>
        <translation>Déménagement non signalé</translation>
    </message>
    <message>
        <source>Trained RTC</source>
        <translation>RTC formé</translation>
    </message>
    <message>
        <source>RTC not trained</source>
        <translation>RTC non formé</translation>
    </message>
    <message>
        <source>Trained user</source>
        <translation>Utilisateur formé</translation>
    </message>
    <message>
        <source>Trained on: {trainings}</source>
        <translation>Formations&#xa0;: {trainings}</translation>
    </message>
    <message>
        <source>No training by the vendor on file</source>
        <translation>Aucune formation DEFI INFORMATIQUE enregistrée</translation>
    </message>
    <message>
        <source>Validated system</source>
        <translation>Environnement validé</translation>
    </message>
    <message>
        <source>System not validated</source>
        <translation>Environnement non validé</translation>
    </message>
    <message>
        <source>Licence paid</source>
        <translation>Licence payée</translation>
    </message>
    <message>
        <source>Licence unpaid</source>
        <translation>Licence non payée</translation>
    </message>
    <message>
        <source>Installed on {date}</source>
        <translation>Installé le {date}</translation>
    </message>
    <message numerus="yes">
        <source>commitment %n month(s)</source>
        <translation>
            <numerusform>engagement de %n mois</numerusform>
            <numerusform>engagement de %n mois</numerusform>
        </translation>
    </message>
    <message>
        <source>ended on {date}</source>
        <translation>terminé le {date}</translation>
    </message>
    <message>
        <source>• {service}, from {start} to {end}</source>
        <translation>• {service}, du {start} au {end}</translation>
    </message>
    <message>
        <source>• {service}, since {start}</source>
        <translation>• {service}, depuis le {start}</translation>
    </message>
</context>
<context>
    <name>ClientListScreen</name>
    <message>
        <source>Clients</source>
        <extracomment>A search result is on screen (the number of rows shown). The detail panel shows a client&apos;s file.</extracomment>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Client code, hotline ID, phone or name…</source>
        <translation>Code client, n° hotline, téléphone ou nom…</translation>
    </message>
    <message>
        <source>Search clients</source>
        <translation>Rechercher un client</translation>
    </message>
    <message>
        <source>No client selected</source>
        <translation>Aucun client sélectionné</translation>
    </message>
    <message>
        <source>No client matches « {text} ».</source>
        <translation>Aucun client ne correspond à «&#xa0;{text}&#xa0;».</translation>
    </message>
    <message>
        <source>No client in the database yet.</source>
        <translation>La base ne contient encore aucun client.</translation>
    </message>
    <message>
        <source>Type a client code (C05412), a hotline ID (HL123456), a phone number in any format or part of a name: the best match is shown here.

Ctrl+F brings you back to the search field from any screen.</source>
        <translation>Saisissez un code client (C05412), un n° hotline (HL123456), un numéro de téléphone sous n&apos;importe quelle forme ou une partie du nom&#xa0;: la fiche du client le plus proche s&apos;affiche ici.

Ctrl+F ramène à la recherche depuis n&apos;importe quel écran.</translation>
    </message>
    <message numerus="yes">
        <source>First %n clients</source>
        <translation>
            <numerusform>%n premiers clients</numerusform>
            <numerusform>%n premiers clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Over %n clients: refine</source>
        <translation>
            <numerusform>Plus de %n clients&#xa0;: précisez</numerusform>
            <numerusform>Plus de %n clients&#xa0;: précisez</numerusform>
        </translation>
    </message>
    <message>
        <source>No client</source>
        <translation>Aucun client</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n client</numerusform>
            <numerusform>%n clients</numerusform>
        </translation>
    </message>
    <message>
        <source>Search failed</source>
        <translation>Échec de la recherche</translation>
    </message>
    <message>
        <source>The database did not answer. Check the connection, then type again.</source>
        <translation>La base de données ne répond pas. Vérifiez la connexion, puis relancez la saisie.</translation>
    </message>
    <message>
        <source>This client no longer exists.</source>
        <translation>Ce client n&apos;existe plus.</translation>
    </message>
    <message>
        <source>The client&apos;s file could not be loaded.</source>
        <translation>La fiche du client n&apos;a pas pu être chargée.</translation>
    </message>
</context>
<context>
    <name>ClientTableModel</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Hotline ID</source>
        <translation>N° hotline</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Inactive client</source>
        <translation>Client inactif</translation>
    </message>
</context>
<context>
    <name>ComingSoonPage</name>
    <message>
        <source>This screen is not available yet in this version.</source>
        <translation>Cet écran n&apos;est pas encore disponible dans cette version.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Hotline — {vendor}</source>
        <extracomment>The user closed the window.</extracomment>
        <translation>Hotline — {vendor}</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Appel</translation>
    </message>
    <message>
        <source>It will take a call: find the client and the caller, check what the contract covers and give an incident number before the call ends.</source>
        <translation>Il servira à prendre un appel&#xa0;: retrouver le client et l&apos;appelant, vérifier ce que couvre le contrat et donner un numéro d&apos;incident avant la fin de l&apos;appel.</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>It will follow incidents from opening to closure: diagnosis, origin, workaround, resolution and their complete history.</source>
        <translation>Il servira à suivre les incidents de l&apos;ouverture à la clôture&#xa0;: diagnostic, origine, solution de contournement, résolution et historique complet.</translation>
    </message>
    <message>
        <source>Remote maintenance</source>
        <translation>Télémaintenance</translation>
    </message>
    <message>
        <source>It will record each step of a remote maintenance in the contract&apos;s order, from the written information and the client&apos;s prior consent to the final report.</source>
        <translation>Il servira à consigner chaque étape d&apos;une télémaintenance dans l&apos;ordre du contrat, de l&apos;information écrite et de l&apos;accord préalable du client jusqu&apos;au compte rendu.</translation>
    </message>
    <message>
        <source>Planning</source>
        <translation>Planning</translation>
    </message>
    <message>
        <source>It will show the hotline&apos;s opening hours, public holidays and exceptional closures, and the technicians&apos; schedule.</source>
        <translation>Il présentera les horaires de la hotline, les jours fériés, les fermetures exceptionnelles et le planning des techniciens.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>It will show call volumes, delays in hotline hours, quotas and the backlog, and print the monthly report.</source>
        <translation>Il présentera les volumes d&apos;appels, les délais en heures de hotline, les quotas et les incidents en attente, et imprimera le rapport mensuel.</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>Contrats</translation>
    </message>
    <message>
        <source>It will manage maintenance contracts and their services: dates, commitment, renewal, termination and price revision.</source>
        <translation>Il servira à gérer les contrats de maintenance et leurs services&#xa0;: dates, engagement, reconduction, résiliation et révision des prix.</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Find a client by code, hotline ID, phone or name, and see its file.</source>
        <translation>Retrouver un client par son code, son n° hotline, un téléphone ou son nom, et consulter sa fiche.</translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation>Hotline</translation>
    </message>
    <message>
        <source>Station {code}</source>
        <translation>Poste {code}</translation>
    </message>
    <message>
        <source>Station not set</source>
        <translation>Poste non défini</translation>
    </message>
    <message>
        <source>Technician: {name}</source>
        <translation>Technicien&#xa0;: {name}</translation>
    </message>
    <message>
        <source>Solo mode</source>
        <translation>Mode solo</translation>
    </message>
    <message>
        <source>Team mode</source>
        <translation>Mode équipe</translation>
    </message>
    <message>
        <source>Database: {location}</source>
        <translation>Base&#xa0;: {location}</translation>
    </message>
    <message>
        <source>Demonstration data</source>
        <translation>Données de démonstration</translation>
    </message>
</context>
<context>
    <name>StationDialog</name>
    <message>
        <source>First start of this workstation</source>
        <translation>Premier démarrage de ce poste</translation>
    </message>
    <message>
        <source>Each workstation has its own code, from 2 to 4 letters or digits (for example NCY). It begins every incident number made here, so that two workstations never give the same number, even offline.</source>
        <translation>Chaque poste a son propre code, de 2 à 4 lettres ou chiffres (par exemple NCY). Il commence chaque numéro d&apos;incident attribué ici, pour que deux postes ne donnent jamais le même numéro, même hors connexion.</translation>
    </message>
    <message>
        <source>e.g. NCY</source>
        <translation>ex. NCY</translation>
    </message>
    <message>
        <source>First and last name</source>
        <translation>Prénom et nom</translation>
    </message>
    <message>
        <source>Station code</source>
        <translation>Code du poste</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Technicien</translation>
    </message>
</context>
</TS>
