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
    <name>CallHeatMap</name>
    <message>
        <source>Mon</source>
        <translation>Lun</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Mar</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Mer</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Jeu</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Ven</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sam</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>Dim</translation>
    </message>
    <message>
        <source>opening hours</source>
        <translation>heures d&apos;ouverture</translation>
    </message>
    <message>
        <source>calls while the hotline was closed</source>
        <translation>appels reçus hotline fermée</translation>
    </message>
    <message>
        <source>{day} {hour}h–{next}h: {calls} calls, {closed} while closed</source>
        <translation>{day} {hour} h–{next} h : {calls} appels, dont {closed} hotline fermée</translation>
    </message>
</context>
<context>
    <name>ClientCard</name>
    <message numerus="yes">
        <source>%n open incident(s)</source>
        <translation>
            <numerusform>%n incident ouvert</numerusform>
            <numerusform>%n incidents ouverts</numerusform>
        </translation>
    </message>
    <message>
        <source>Backup assistance: {left} min left of {total}</source>
        <translation>Assistance sauvegarde : {left} min restantes sur {total}</translation>
    </message>
    <message>
        <source>SITES</source>
        <translation>SITES</translation>
    </message>
    <message>
        <source>Switchboard: {phones}</source>
        <translation>Standard : {phones}</translation>
    </message>
    <message>
        <source>No current site recorded.</source>
        <translation>Aucun site actuel enregistré.</translation>
    </message>
    <message>
        <source>TECHNICAL CONTACTS (RTC)</source>
        <translation>RESPONSABLES TECHNIQUES (RTC)</translation>
    </message>
    <message>
        <source>No RTC named by the client.</source>
        <translation>Aucun RTC désigné par le client.</translation>
    </message>
    <message>
        <source>Fewer than two trained RTC (R-02).</source>
        <translation>Moins de deux RTC formés (R-02).</translation>
    </message>
    <message>
        <source>INSTALLED SOFTWARE</source>
        <translation>LOGICIELS INSTALLÉS</translation>
    </message>
    <message>
        <source>System not validated</source>
        <translation>Système non validé</translation>
    </message>
    <message>
        <source>Licence unpaid</source>
        <translation>Licence non réglée</translation>
    </message>
    <message>
        <source>No software installed.</source>
        <translation>Aucun logiciel installé.</translation>
    </message>
    <message>
        <source>CONTRACTS</source>
        <translation>CONTRATS</translation>
    </message>
    <message>
        <source>No contract.</source>
        <translation>Aucun contrat.</translation>
    </message>
    <message>
        <source>trained {product}</source>
        <translation>formé {product}</translation>
    </message>
    <message>
        <source>not trained</source>
        <translation>non formé</translation>
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
        <source>Incident register…</source>
        <translation>Registre des incidents…</translation>
    </message>
    <message>
        <source>Print or save the client&apos;s incidents over a period as PDF</source>
        <translation>Imprimer ou enregistrer en PDF les incidents du client sur une période</translation>
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
        <source>{phase} · notice by {last} for an end on {due}</source>
        <translation>{phase} · préavis avant le {last} pour une fin au {due}</translation>
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
    <name>ConsentForm</name>
    <message>
        <source>E-mail of 12/03 from the town hall, form no., portal receipt…</source>
        <translation>Courriel du 12/03 de la mairie, n° de formulaire, accusé de l&apos;espace client…</translation>
    </message>
    <message>
        <source>No file attached</source>
        <translation>Aucun fichier joint</translation>
    </message>
    <message>
        <source>Attach a file…</source>
        <translation>Joindre un fichier…</translation>
    </message>
    <message>
        <source>Remove the attached file</source>
        <translation>Retirer le fichier joint</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <source>Consent given by</source>
        <translation>Accord donné par</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Forme</translation>
    </message>
    <message>
        <source>Evidence reference</source>
        <translation>Référence de la pièce</translation>
    </message>
    <message>
        <source>Evidence file</source>
        <translation>Fichier justificatif</translation>
    </message>
    <message>
        <source>Record the consent</source>
        <translation>Enregistrer l&apos;accord</translation>
    </message>
    <message>
        <source>Evidence of the written consent</source>
        <translation>Pièce justificative de l&apos;accord écrit</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.eml *.msg *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)</source>
        <translation>Documents (*.pdf *.eml *.msg *.png *.jpg *.jpeg *.tif *.tiff);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>ContractDetailPanel</name>
    <message>
        <source>Select a contract in the list.</source>
        <extracomment>Something of the contract changed (a line, a revision, a notice): lists should reload. A detail was loaded and shown (its reference).</extracomment>
        <translation>Sélectionnez un contrat dans la liste.</translation>
    </message>
    <message>
        <source>Financial table (PDF)…</source>
        <translation>Tableau financier (PDF)…</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Date de début</translation>
    </message>
    <message>
        <source>End of the 24-month commitment</source>
        <translation>Fin de l&apos;engagement de 24 mois</translation>
    </message>
    <message>
        <source>Termination notice</source>
        <translation>Préavis de résiliation</translation>
    </message>
    <message>
        <source>Last covered day</source>
        <translation>Dernier jour couvert</translation>
    </message>
    <message>
        <source>Backup data destroyed on</source>
        <translation>Destruction des données sauvegardées</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>FINANCIAL TABLE (ART. 18)</source>
        <translation>TABLEAU FINANCIER (ART. 18)</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Contrat</translation>
    </message>
    <message>
        <source>Designation</source>
        <translation>Désignation</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>P.U. HT</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qté</translation>
    </message>
    <message>
        <source>Excl. VAT</source>
        <translation>Prix HT</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Indice</translation>
    </message>
    <message>
        <source>Total excl. VAT</source>
        <translation>Total HT</translation>
    </message>
    <message>
        <source>VAT 20 %</source>
        <translation>T.V.A. 20 %</translation>
    </message>
    <message>
        <source>Total incl. VAT</source>
        <translation>Total TTC</translation>
    </message>
    <message>
        <source>Unit price excl. VAT</source>
        <translation>Prix unitaire HT</translation>
    </message>
    <message>
        <source>(no service)</source>
        <translation>(sans service)</translation>
    </message>
    <message>
        <source>Index (e.g. SYNTEC)</source>
        <translation>Indice (ex. SYNTEC)</translation>
    </message>
    <message>
        <source>Add the line</source>
        <translation>Ajouter la ligne</translation>
    </message>
    <message>
        <source>New line</source>
        <translation>Nouvelle ligne</translation>
    </message>
    <message>
        <source>PRICE REVISIONS (P = P0 × S / S0)</source>
        <translation>RÉVISIONS DES PRIX (P = P0 × S / S0)</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>Old price</source>
        <translation>Ancien prix</translation>
    </message>
    <message>
        <source>New price</source>
        <translation>Nouveau prix</translation>
    </message>
    <message>
        <source>Indexes S / S0</source>
        <translation>Indices S / S0</translation>
    </message>
    <message>
        <source>Anniversary</source>
        <translation>Date anniversaire</translation>
    </message>
    <message>
        <source>Revise the prices</source>
        <translation>Réviser les prix</translation>
    </message>
    <message>
        <source>DEADLINES IN THE NEXT 90 DAYS</source>
        <translation>ÉCHÉANCES DES 90 PROCHAINS JOURS</translation>
    </message>
    <message>
        <source>TERMINATION NOTICE (REGISTERED LETTER)</source>
        <translation>PRÉAVIS DE RÉSILIATION (LETTRE RECOMMANDÉE)</translation>
    </message>
    <message>
        <source>Registered letter number</source>
        <translation>N° de la lettre recommandée</translation>
    </message>
    <message>
        <source>Record the notice</source>
        <translation>Enregistrer le préavis</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>Reçu le</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Lettre</translation>
    </message>
    <message>
        <source>received on %1 (letter %2)</source>
        <translation>reçu le %1 (lettre %2)</translation>
    </message>
    <message>
        <source>possible until %1 for an end on %2</source>
        <translation>possible jusqu&apos;au %1 pour une fin au %2</translation>
    </message>
    <message>
        <source>tacit renewal each year</source>
        <translation>reconduction tacite chaque année</translation>
    </message>
    <message>
        <source>%1 (since %2)</source>
        <translation>%1 (depuis le %2)</translation>
    </message>
    <message>
        <source>No deadline in the next 90 days.</source>
        <translation>Aucune échéance dans les 90 prochains jours.</translation>
    </message>
    <message>
        <source>Line added to the financial table.</source>
        <translation>Ligne ajoutée au tableau financier.</translation>
    </message>
    <message>
        <source>Prices revised; the previous ones stay in the history.</source>
        <translation>Prix révisés ; les précédents restent dans l&apos;historique.</translation>
    </message>
    <message>
        <source>Notice recorded.</source>
        <translation>Préavis enregistré.</translation>
    </message>
    <message>
        <source>Save the financial table</source>
        <translation>Enregistrer le tableau financier</translation>
    </message>
    <message>
        <source>Financial table saved: %1</source>
        <translation>Tableau financier enregistré : %1</translation>
    </message>
    <message>
        <source>The operation failed; details are in the log.</source>
        <translation>L&apos;opération a échoué ; le détail est dans le journal.</translation>
    </message>
</context>
<context>
    <name>ContractsScreen</name>
    <message>
        <source>Contracts</source>
        <extracomment>The contract list was (re)loaded: how many rows. The releases tab was (re)loaded. The deadlines tab was (re)loaded. The indexes and rates tab was (re)loaded.</extracomment>
        <translation>Contrats</translation>
    </message>
    <message>
        <source>Contract life, financial table, price revisions, versions and deadlines</source>
        <translation>Vie des contrats, tableau financier, révisions des prix, versions et échéances</translation>
    </message>
    <message>
        <source>Releases</source>
        <translation>Versions</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>Échéances</translation>
    </message>
    <message>
        <source>Indexes and rates</source>
        <translation>Indices et taux</translation>
    </message>
    <message>
        <source>Reference, client code or name</source>
        <translation>Référence, code ou nom du client</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Situation</translation>
    </message>
    <message numerus="yes">
        <source>%n contract(s)</source>
        <translation>
            <numerusform>%n contrat</numerusform>
            <numerusform>%n contrats</numerusform>
        </translation>
    </message>
    <message>
        <source>PUBLISHED RELEASES</source>
        <translation>VERSIONS DIFFUSÉES</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>Logiciel</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>Diffusée le</translation>
    </message>
    <message>
        <source>Substantial</source>
        <translation>Majeure</translation>
    </message>
    <message>
        <source>Installations</source>
        <translation>Installations</translation>
    </message>
    <message>
        <source>Descriptive sheet</source>
        <translation>Fiche descriptive</translation>
    </message>
    <message>
        <source>CLIENTS PAST THE DEADLINE (EXCLUSION R-07)</source>
        <translation>CLIENTS HORS DÉLAI (EXCLUSION R-07)</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installée</translation>
    </message>
    <message>
        <source>To apply</source>
        <translation>À appliquer</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>NEW RELEASE</source>
        <translation>NOUVELLE VERSION</translation>
    </message>
    <message>
        <source>Substantial change (hardware, system)</source>
        <translation>Modification substantielle (matériel, système)</translation>
    </message>
    <message>
        <source>Improvements and changes brought by the version</source>
        <translation>Améliorations et modifications apportées par la version</translation>
    </message>
    <message>
        <source>Released on</source>
        <translation>Diffusée le</translation>
    </message>
    <message>
        <source>Clients have six months to apply a new version. A substantial one also gives them three months before installing it, during which the old version stays maintained.</source>
        <translation>Les clients ont six mois pour appliquer une nouvelle version. Une version majeure leur laisse en outre trois mois avant de l&apos;installer, pendant lesquels l&apos;ancienne version reste maintenue.</translation>
    </message>
    <message>
        <source>Record the release</source>
        <translation>Enregistrer la version</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>Release recorded.</source>
        <translation>Version enregistrée.</translation>
    </message>
    <message>
        <source>NOTICE DATES, ANNIVERSARIES AND ENDS IN THE NEXT 90 DAYS</source>
        <translation>PRÉAVIS, ANNIVERSAIRES ET FINS DES 90 PROCHAINS JOURS</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Contrat</translation>
    </message>
    <message>
        <source>BACKUP DATA TO DESTROY (ONE MONTH AFTER EXPIRY)</source>
        <translation>DONNÉES SAUVEGARDÉES À DÉTRUIRE (UN MOIS APRÈS L&apos;EXPIRATION)</translation>
    </message>
    <message>
        <source>Destruction</source>
        <translation>Destruction</translation>
    </message>
    <message>
        <source>Last covered day</source>
        <translation>Dernier jour couvert</translation>
    </message>
    <message>
        <source>PRICE INDEX VALUES (ART. 17)</source>
        <translation>VALEURS DES INDICES DE RÉVISION (ART. 17)</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Indice</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>YYYY-MM or YYYY-T1</source>
        <translation>AAAA-MM ou AAAA-T1</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>LEGAL INTEREST RATE (ART. 15)</source>
        <translation>TAUX DE L&apos;INTÉRÊT LÉGAL (ART. 15)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Taux</translation>
    </message>
    <message>
        <source>Rate in %</source>
        <translation>Taux en %</translation>
    </message>
    <message>
        <source>LATE PAYMENT (3 × LEGAL RATE + €40)</source>
        <translation>RETARD DE PAIEMENT (3 × TAUX LÉGAL + 40 €)</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>Montant dû</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Calculer</translation>
    </message>
    <message>
        <source>due</source>
        <translation>échéance</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>payé le</translation>
    </message>
    <message>
        <source>Index value saved.</source>
        <translation>Valeur d&apos;indice enregistrée.</translation>
    </message>
    <message>
        <source>Rate saved.</source>
        <translation>Taux enregistré.</translation>
    </message>
    <message>
        <source>%1 day(s) late: no penalty before more than 30 days.</source>
        <translation>%1 jour(s) de retard : pas de pénalité avant plus de 30 jours.</translation>
    </message>
    <message>
        <source>%1 days late: penalties %2 + recovery fee %3 = %4</source>
        <translation>%1 jours de retard : pénalités %2 + indemnité de recouvrement %3 = %4</translation>
    </message>
    <message>
        <source>The operation failed; details are in the log.</source>
        <translation>L&apos;opération a échoué ; le détail est dans le journal.</translation>
    </message>
</context>
<context>
    <name>CoverageBanner</name>
    <message>
        <source>Coverage appears once the client is picked.</source>
        <translation>La couverture s&apos;affiche dès que le client est choisi.</translation>
    </message>
</context>
<context>
    <name>DashboardCharts</name>
    <message>
        <source>Not qualified</source>
        <translation>Non qualifiée</translation>
    </message>
    <message>
        <source>Peripherals</source>
        <translation>Périphériques</translation>
    </message>
    <message>
        <source>DBMS</source>
        <translation>SGBD</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Fonctionnalités</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Utilisation</translation>
    </message>
</context>
<context>
    <name>DashboardFilterBar</name>
    <message>
        <source>This month</source>
        <extracomment>The period or the slice changed.</extracomment>
        <translation>Ce mois-ci</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Le mois dernier</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>Ce trimestre</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Cette année</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personnalisé</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Tous les clients</translation>
    </message>
    <message>
        <source>All technicians</source>
        <translation>Tous les techniciens</translation>
    </message>
    <message>
        <source>All products</source>
        <translation>Tous les progiciels</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Tous les canaux</translation>
    </message>
    <message>
        <source>All origins</source>
        <translation>Toutes les origines</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Technicien</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Progiciel</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <source>Dashboard</source>
        <extracomment>A computation was delivered and is on screen. The incidents behind a row were asked for (an IncidentFilter).</extracomment>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Calcul en cours…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>in hotline hours (R-17), waiting on the client excluded</source>
        <translation>en heures d&apos;ouverture de la hotline (R-17), attente du client exclue</translation>
    </message>
    <message>
        <source>Double-click a row to open its incidents.</source>
        <translation>Double-cliquez sur une ligne pour ouvrir ses incidents.</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Progiciel</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Technicien</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Ouverts</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Résolus</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Call time</source>
        <translation>Temps d&apos;appel</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Consommé</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Situation</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis le</translation>
    </message>
    <message>
        <source>Incidents opened per week, by channel</source>
        <translation>Incidents ouverts par semaine et par canal</translation>
    </message>
    <message>
        <source>Origin of the incidents</source>
        <translation>Origine des incidents</translation>
    </message>
    <message>
        <source>Calls by weekday and hour</source>
        <translation>Appels par jour et par heure</translation>
    </message>
    <message>
        <source>Paris time; the frames are the opening hours.</source>
        <translation>Heure de Paris ; les cadres sont les heures d&apos;ouverture.</translation>
    </message>
    <message>
        <source>Time to resolution</source>
        <translation>Délai de résolution</translation>
    </message>
    <message>
        <source>Age of the backlog</source>
        <translation>Ancienneté des incidents en cours</translation>
    </message>
    <message>
        <source>incidents still open at the period&apos;s end, in hotline hours</source>
        <translation>incidents encore ouverts en fin de période, en heures d&apos;ouverture</translation>
    </message>
    <message>
        <source>Top clients</source>
        <translation>Principaux clients</translation>
    </message>
    <message>
        <source>Top products</source>
        <translation>Principaux progiciels</translation>
    </message>
    <message>
        <source>Double-click to filter the dashboard on it.</source>
        <translation>Double-cliquez pour filtrer le tableau de bord dessus.</translation>
    </message>
    <message>
        <source>Update deadline passed (R-20).</source>
        <translation>Délai de mise à jour dépassé (R-20).</translation>
    </message>
    <message>
        <source>Technicians&apos; load</source>
        <translation>Charge des techniciens</translation>
    </message>
    <message>
        <source>RTC</source>
        <translation>RTC</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Backup assistance: over or near the cap</source>
        <translation>Assistance sauvegarde : plafond atteint ou proche</translation>
    </message>
    <message>
        <source>1 h 30 per contract year (R-22); near from 80 %.</source>
        <translation>1 h 30 par année de contrat (R-22) ; proche dès 80 %.</translation>
    </message>
    <message>
        <source>Fewer than two trained RTC</source>
        <translation>Moins de deux RTC formés</translation>
    </message>
    <message>
        <source>Clients under an active contract (R-02).</source>
        <translation>Clients sous contrat en vigueur (R-02).</translation>
    </message>
    <message>
        <source>Versions past their deadline</source>
        <translation>Versions hors délai</translation>
    </message>
    <message>
        <source>ACTIVITY</source>
        <translation>ACTIVITÉ</translation>
    </message>
    <message>
        <source>CLIENTS TO WATCH</source>
        <translation>CLIENTS À SURVEILLER</translation>
    </message>
    <message>
        <source>The dashboard is reserved for supervisors.

Ask a supervisor for the figures, or for the supervisor role if you need them.</source>
        <translation>Le tableau de bord est réservé aux superviseurs.

Demandez les chiffres à un superviseur, ou le rôle de superviseur si vous en avez besoin.</translation>
    </message>
    <message>
        <source>The figures could not be computed. Details are in the log file; try « Refresh » again.</source>
        <translation>Les chiffres n&apos;ont pas pu être calculés. Le détail est dans le journal ; réessayez « Actualiser ».</translation>
    </message>
    <message>
        <source>{scope} · compared with {first} – {last} · figures as of {when}</source>
        <translation>{scope} · comparé au {first} – {last} · situation au {when}</translation>
    </message>
    <message>
        <source>over the cap</source>
        <translation>dépassé</translation>
    </message>
    <message>
        <source>near the cap</source>
        <translation>proche</translation>
    </message>
</context>
<context>
    <name>DiagnoseDialog</name>
    <message>
        <source>Diagnose {number}</source>
        <translation>Diagnostiquer {number}</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>&amp;Origin</source>
        <translation>&amp;Origine</translation>
    </message>
    <message>
        <source>&amp;Estimate</source>
        <translation>&amp;Estimation</translation>
    </message>
</context>
<context>
    <name>DocumentPreviewDialog</name>
    <message>
        <source>Preview — {title}</source>
        <translation>Aperçu — {title}</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Enregistrer en PDF…</translation>
    </message>
    <message>
        <source>Open in the reader</source>
        <translation>Ouvrir dans le lecteur</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Enregistrer en PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The document could not be written to {path}: {error}</source>
        <translation>Le document n&apos;a pas pu être écrit dans {path} : {error}</translation>
    </message>
    <message>
        <source>No PDF reader could be opened. Use « Save as PDF… » and open the file yourself.</source>
        <translation>Aucun lecteur PDF n&apos;a pu être ouvert. Utilisez « Enregistrer en PDF… » puis ouvrez le fichier vous-même.</translation>
    </message>
    <message>
        <source>No PDF reader could be opened. The document is at {path}.</source>
        <translation>Aucun lecteur PDF n&apos;a pu être ouvert. Le document se trouve ici : {path}.</translation>
    </message>
</context>
<context>
    <name>DocumentsButton</name>
    <message>
        <source>Documents…</source>
        <translation>Documents…</translation>
    </message>
    <message>
        <source>Print or save the incident&apos;s documents as PDF</source>
        <translation>Imprimer ou enregistrer en PDF les documents de l&apos;incident</translation>
    </message>
    <message>
        <source>Progress report</source>
        <translation>Compte rendu d&apos;avancement</translation>
    </message>
    <message>
        <source>Intervention report (signed)…</source>
        <translation>Compte rendu d&apos;intervention (à signer)…</translation>
    </message>
    <message>
        <source>Information and consent form</source>
        <translation>Formulaire d&apos;information et d&apos;accord</translation>
    </message>
    <message>
        <source>Quote / order summary (on site)</source>
        <translation>Récapitulatif devis / commande (sur site)</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Préparation…</translation>
    </message>
</context>
<context>
    <name>EndingDialog</name>
    <message>
        <source>Refusal of consent — {reference}</source>
        <translation>Refus de l&apos;accord — {reference}</translation>
    </message>
    <message>
        <source>The client refuses the remote maintenance: it ends here and nothing is touched.</source>
        <translation>Le client refuse la télémaintenance : elle s&apos;arrête ici et rien n&apos;est touché.</translation>
    </message>
    <message>
        <source>Withdrawal of consent — {reference}</source>
        <translation>Retrait de l&apos;accord — {reference}</translation>
    </message>
    <message>
        <source>The client withdraws its consent: the remote maintenance ends here.</source>
        <translation>Le client retire son accord : la télémaintenance s&apos;arrête ici.</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Personne</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrer</translation>
    </message>
</context>
<context>
    <name>ExclusionDialog</name>
    <message>
        <source>Out of contract — {number}</source>
        <translation>Hors contrat — {number}</translation>
    </message>
    <message>
        <source>Is this request covered by the maintenance contract?</source>
        <translation>Cette demande est-elle couverte par le contrat de maintenance ?</translation>
    </message>
    <message>
        <source>Under one of the contract&apos;s exclusions (R-07) it is billable, on quotation; the diagnosis and the estimate are still owed (R-08).</source>
        <translation>Si l&apos;une des exclusions du contrat s&apos;applique (R-07), elle est facturable, sur devis ; le diagnostic et l&apos;estimation restent dus (R-08).</translation>
    </message>
    <message>
        <source>Under contract (no exclusion applies)</source>
        <translation>Sous contrat (aucune exclusion ne s&apos;applique)</translation>
    </message>
</context>
<context>
    <name>HotlineStatusIndicator</name>
    <message>
        <source>Hotline status</source>
        <translation>État de la hotline</translation>
    </message>
    <message>
        <source>Hotline: loading the calendar…</source>
        <translation>Hotline : chargement du calendrier…</translation>
    </message>
    <message>
        <source>On the line: {names}</source>
        <translation>☎ {names}</translation>
    </message>
    <message>
        <source>Nobody on the line</source>
        <translation>Personne en ligne</translation>
    </message>
    <message>
        <source>Next gap: {day} {date} {start}–{end} ({count}/{minimum})</source>
        <translation>Prochain manque : {day} {date} {start}–{end} ({count}/{minimum})</translation>
    </message>
    <message>
        <source>Hotline status unavailable</source>
        <translation>État de la hotline indisponible</translation>
    </message>
    <message>
        <source>The hotline calendar could not be read from the database.</source>
        <translation>Le calendrier de la hotline n&apos;a pas pu être lu dans la base de données.</translation>
    </message>
    <message>
        <source>Hotline: date outside the calendar</source>
        <translation>Hotline : date hors du calendrier</translation>
    </message>
</context>
<context>
    <name>IncidentDetailPanel</name>
    <message>
        <source>Select an incident to see its file and act on it.</source>
        <translation>Sélectionnez un incident pour voir sa fiche et agir dessus.</translation>
    </message>
    <message>
        <source>Diagnose…</source>
        <translation>Diagnostiquer…</translation>
    </message>
    <message>
        <source>Workaround accepted</source>
        <translation>Contournement accepté</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>Résoudre…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Clore</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>Rouvrir…</translation>
    </message>
    <message>
        <source>Out of contract</source>
        <translation>Hors contrat</translation>
    </message>
    <message>
        <source>Not covered</source>
        <translation>Non couvert</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>Couvert</translation>
    </message>
    <message>
        <source>Waiting on the client</source>
        <translation>En attente du client</translation>
    </message>
    <message>
        <source>Add a note…</source>
        <translation>Ajouter une note…</translation>
    </message>
    <message>
        <source>Out of contract…</source>
        <translation>Hors contrat…</translation>
    </message>
    <message>
        <source>Remote maintenance…</source>
        <translation>Télémaintenance…</translation>
    </message>
    <message>
        <source>Prepare a remote maintenance on the client&apos;s data, with its written consent (R-18).</source>
        <translation>Préparer une télémaintenance sur les données du client, avec son accord écrit (R-18).</translation>
    </message>
    <message>
        <source>Propose a workaround that the client must accept (R-12).</source>
        <translation>Proposer un contournement que le client doit accepter (R-12).</translation>
    </message>
    <message>
        <source>Record the exclusion of the contract that makes this request billable (R-07).</source>
        <translation>Indiquer l&apos;exclusion du contrat qui rend cette demande facturable (R-07).</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Not waiting</source>
        <translation>Pas d&apos;attente</translation>
    </message>
    <message>
        <source>&amp;Priority</source>
        <translation>&amp;Priorité</translation>
    </message>
    <message>
        <source>&amp;Waiting on the client</source>
        <translation>&amp;Attente client</translation>
    </message>
    <message>
        <source>Workaround…</source>
        <translation>Contournement…</translation>
    </message>
    <message>
        <source>A resolved or closed incident no longer waits on the client.</source>
        <translation>Un incident résolu ou clos n&apos;attend plus rien du client.</translation>
    </message>
    <message>
        <source>Opened {when}</source>
        <translation>Ouvert le {when}</translation>
    </message>
    <message>
        <source>priority {label}</source>
        <translation>priorité {label}</translation>
    </message>
    <message>
        <source>origin not determined</source>
        <translation>origine non déterminée</translation>
    </message>
    <message>
        <source>estimate {minutes}</source>
        <translation>estimation {minutes}</translation>
    </message>
    <message>
        <source>Out of contract (R-07): {label}</source>
        <translation>Hors contrat (R-07) : {label}</translation>
    </message>
    <message>
        <source> — service-level clock paused</source>
        <translation> — horloge de service en pause</translation>
    </message>
    <message>
        <source>SERVICE LEVEL (HOTLINE HOURS)</source>
        <translation>NIVEAU DE SERVICE (HEURES DE HOTLINE)</translation>
    </message>
    <message>
        <source>first response {time}</source>
        <translation>première réponse {time}</translation>
    </message>
    <message>
        <source>resolution {time}</source>
        <translation>résolution {time}</translation>
    </message>
    <message>
        <source>paused {time}</source>
        <translation>en pause {time}</translation>
    </message>
    <message>
        <source>clock running</source>
        <translation>horloge en marche</translation>
    </message>
    <message>
        <source>clock stopped</source>
        <translation>horloge arrêtée</translation>
    </message>
    <message>
        <source>WORKAROUND</source>
        <translation>CONTOURNEMENT</translation>
    </message>
    <message>
        <source>RESOLUTION</source>
        <translation>RÉSOLUTION</translation>
    </message>
    <message>
        <source>HISTORY</source>
        <translation>HISTORIQUE</translation>
    </message>
    <message>
        <source>CALLS</source>
        <translation>APPELS</translation>
    </message>
    <message>
        <source>No call recorded.</source>
        <translation>Aucun appel enregistré.</translation>
    </message>
    <message>
        <source>DOCUMENTS</source>
        <translation>DOCUMENTS</translation>
    </message>
    <message>
        <source>No document.</source>
        <translation>Aucun document.</translation>
    </message>
</context>
<context>
    <name>IncidentDocuments</name>
    <message>
        <source>The document was recorded but cannot be shown.</source>
        <translation>Le document a été enregistré mais ne peut pas être affiché.</translation>
    </message>
    <message>
        <source>The document could not be prepared. Nothing was recorded.</source>
        <translation>Le document n&apos;a pas pu être préparé. Rien n&apos;a été enregistré.</translation>
    </message>
</context>
<context>
    <name>IncidentTableModel</name>
    <message>
        <source>No.</source>
        <extracomment>Rows fetched per query: a few screens&apos; worth, small enough to come back in a few milliseconds. The number of incidents matching the filter is known (it may be far more than the rows loaded). A window arrived (the number of rows now loaded). A query failed (the exception). How many rows the queries returned since the last filter: tests check the list stays lazy. How many window queries ran since the last filter.</extracomment>
        <translation>N°</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Ouvert le</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Technicien</translation>
    </message>
    <message>
        <source>Out of contract</source>
        <translation>Hors contrat</translation>
    </message>
</context>
<context>
    <name>IncidentsScreen</name>
    <message>
        <source>Incidents</source>
        <extracomment>The selected incident&apos;s file is on screen. A lifecycle action or a note was recorded (the incident number). A remote maintenance was prepared from the incident shown (its reference).</extracomment>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>Number, words of the title, description, notes, client…</source>
        <translation>Numéro, mots du titre, de la description, des notes, client…</translation>
    </message>
    <message>
        <source>Client code</source>
        <translation>Code client</translation>
    </message>
    <message>
        <source>All technicians</source>
        <translation>Tous les techniciens</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Technicien</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouverts</translation>
    </message>
    <message>
        <source>All origins</source>
        <translation>Toutes origines</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Tous canaux</translation>
    </message>
    <message>
        <source>In and out of contract</source>
        <translation>Sous et hors contrat</translation>
    </message>
    <message>
        <source>Out of contract</source>
        <translation>Hors contrat</translation>
    </message>
    <message>
        <source>Under contract</source>
        <translation>Sous contrat</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>Toutes dates</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>12 derniers mois</translation>
    </message>
    <message>
        <source>Right-click to choose the columns shown.</source>
        <translation>Clic droit pour choisir les colonnes affichées.</translation>
    </message>
    <message>
        <source>{name} (inactive)</source>
        <translation>{name} (inactif)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>From {first} to {last}</source>
        <translation>Du {first} au {last}</translation>
    </message>
    <message numerus="yes">
        <source>%n incident(s)</source>
        <translation>
            <numerusform>%n incident</numerusform>
            <numerusform>%n incidents</numerusform>
        </translation>
    </message>
    <message>
        <source>No incident matches these filters.</source>
        <translation>Aucun incident ne correspond à ces filtres.</translation>
    </message>
    <message>
        <source>The list could not be loaded</source>
        <translation>La liste n&apos;a pas pu être chargée</translation>
    </message>
    <message>
        <source>The database did not answer. Check the connection, then try again.</source>
        <translation>La base de données ne répond pas. Vérifiez la connexion, puis réessayez.</translation>
    </message>
    <message>
        <source>The incident&apos;s file could not be loaded.</source>
        <translation>La fiche de l&apos;incident n&apos;a pas pu être chargée.</translation>
    </message>
    <message>
        <source>Propose a workaround</source>
        <translation>Proposer un contournement</translation>
    </message>
    <message>
        <source>The workaround the client must accept (R-12):</source>
        <translation>La solution de contournement que le client doit accepter (R-12) :</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Résoudre</translation>
    </message>
    <message>
        <source>How the problem was solved:</source>
        <translation>Comment le problème a été résolu :</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Rouvrir</translation>
    </message>
    <message>
        <source>Why the incident is reopened:</source>
        <translation>Pourquoi l&apos;incident est rouvert :</translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation>Ajouter une note</translation>
    </message>
    <message>
        <source>Note for the history:</source>
        <translation>Note pour l&apos;historique :</translation>
    </message>
    <message>
        <source>The action could not be recorded. Nothing was changed.</source>
        <translation>L&apos;action n&apos;a pas pu être enregistrée. Rien n&apos;a été modifié.</translation>
    </message>
</context>
<context>
    <name>InformForm</name>
    <message>
        <source>Leave empty to issue the form now</source>
        <translation>Laisser vide pour émettre le formulaire maintenant</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Nature</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>Files concerned</source>
        <translation>Fichiers concernés</translation>
    </message>
    <message>
        <source>Possible risks</source>
        <translation>Risques possibles</translation>
    </message>
    <message>
        <source>Planned delay</source>
        <translation>Délai prévu</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>Operations requested</source>
        <translation>Opérations demandées</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <source>Sent by</source>
        <translation>Envoyée par</translation>
    </message>
    <message>
        <source>Reference of a document already sent (optional)</source>
        <translation>Référence d&apos;un document déjà envoyé (facultatif)</translation>
    </message>
    <message>
        <source>Issue the information and consent form</source>
        <translation>Émettre le formulaire d&apos;information et d&apos;accord</translation>
    </message>
    <message>
        <source>Without a reference, the form is issued now, recorded as the document sent and opened in the preview, to print, save or send.</source>
        <translation>Sans référence, le formulaire est émis maintenant, enregistré comme document envoyé et ouvert dans l&apos;aperçu, pour l&apos;imprimer, l&apos;enregistrer ou l&apos;envoyer.</translation>
    </message>
    <message>
        <source>Step 1 names this document; no form is issued.</source>
        <translation>L&apos;étape 1 cite ce document ; aucun formulaire n&apos;est émis.</translation>
    </message>
    <message>
        <source>Record step 1</source>
        <translation>Enregistrer l&apos;étape 1</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <source>Choose the software</source>
        <extracomment>Anything the technician typed or chose changed. The software or the caller changed: coverage must be decided again.</extracomment>
        <translation>Choisir le logiciel</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>Logiciel</translation>
    </message>
    <message>
        <source>Terminal, printer, badge reader… (optional)</source>
        <translation>Terminal, imprimante, badgeuse… (facultatif)</translation>
    </message>
    <message>
        <source>Name of the person calling</source>
        <translation>Nom de la personne qui appelle</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Appelant</translation>
    </message>
    <message>
        <source>What does not work, in a few words</source>
        <translation>Ce qui ne fonctionne pas, en quelques mots</translation>
    </message>
    <message>
        <source>What the caller says, error messages, what was tried</source>
        <translation>Ce que dit l&apos;appelant, messages d&apos;erreur, ce qui a été essayé</translation>
    </message>
    <message>
        <source>Not determined yet</source>
        <translation>Pas encore déterminée</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Hotline ID</source>
        <translation>N° hotline</translation>
    </message>
    <message>
        <source>&amp;Software</source>
        <translation>&amp;Logiciel</translation>
    </message>
    <message>
        <source>&amp;Peripheral</source>
        <translation>&amp;Périphérique</translation>
    </message>
    <message>
        <source>C&amp;aller</source>
        <translation>&amp;Appelant</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titre</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Description</translation>
    </message>
    <message>
        <source>C&amp;hannel</source>
        <translation>&amp;Canal</translation>
    </message>
    <message>
        <source>&amp;Origin</source>
        <translation>&amp;Origine</translation>
    </message>
    <message>
        <source>P&amp;riority</source>
        <translation>P&amp;riorité</translation>
    </message>
    <message>
        <source>Pick a contact or type a new name.</source>
        <translation>Choisissez un contact ou tapez un nouveau nom.</translation>
    </message>
    <message>
        <source>New caller: the contact will be created with the incident.</source>
        <translation>Nouvel appelant : le contact sera créé avec l&apos;incident.</translation>
    </message>
    <message>
        <source>Trained RTC</source>
        <translation>RTC formé</translation>
    </message>
    <message>
        <source>Trained user</source>
        <translation>Utilisateur formé</translation>
    </message>
    <message>
        <source>RTC not trained by the vendor</source>
        <translation>RTC non formé par DEFI INFORMATIQUE</translation>
    </message>
    <message>
        <source>Not trained by the vendor</source>
        <translation>Non formé par DEFI INFORMATIQUE</translation>
    </message>
</context>
<context>
    <name>IntakeScreen</name>
    <message>
        <source>Call</source>
        <extracomment>A client was picked and its call started (the client&apos;s id). The client card is on screen. The coverage banner shows a new decision. An incident was saved (its number). The call was cancelled without an incident.</extracomment>
        <translation>Appel</translation>
    </message>
    <message>
        <source>Call duration</source>
        <translation>Durée de l&apos;appel</translation>
    </message>
    <message>
        <source>New call</source>
        <translation>Nouvel appel</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Ignorer</translation>
    </message>
    <message>
        <source>Code, hotline ID, phone or name of the caller&apos;s client…</source>
        <translation>Code client, n° hotline, téléphone ou nom du client…</translation>
    </message>
    <message>
        <source>Find the client</source>
        <translation>Trouver le client</translation>
    </message>
    <message>
        <source>Type what the caller says: client code (C05412), hotline ID (HL123456), a phone number in any format or the name of the town. Enter picks the first client, Down goes to the list.</source>
        <translation>Tapez ce que dit l&apos;appelant : code client (C05412), n° hotline (HL123456), un numéro de téléphone sous toute forme ou le nom de la commune. Entrée choisit le premier client, Flèche bas descend dans la liste.</translation>
    </message>
    <message>
        <source>Save  (Ctrl+S)</source>
        <translation>Enregistrer  (Ctrl+S)</translation>
    </message>
    <message>
        <source>Cancel call  (Esc)</source>
        <translation>Annuler l&apos;appel  (Échap)</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) — Enter picks the highlighted one</source>
        <translation>
            <numerusform>%n client — Entrée le choisit</numerusform>
            <numerusform>%n clients — Entrée choisit celui en surbrillance</numerusform>
        </translation>
    </message>
    <message>
        <source>No client matches « {text} ».</source>
        <translation>Aucun client ne correspond à « {text} ».</translation>
    </message>
    <message>
        <source>The database did not answer. Check the connection, then type again.</source>
        <translation>La base de données ne répond pas. Vérifiez la connexion, puis tapez à nouveau.</translation>
    </message>
    <message>
        <source>Loading the file of {name}…</source>
        <translation>Chargement de la fiche de {name}…</translation>
    </message>
    <message>
        <source>This client no longer exists.</source>
        <translation>Ce client n&apos;existe plus.</translation>
    </message>
    <message>
        <source>The client&apos;s file could not be loaded.</source>
        <translation>La fiche du client n&apos;a pas pu être chargée.</translation>
    </message>
    <message>
        <source>The call log could not be started.</source>
        <translation>Le journal d&apos;appel n&apos;a pas pu être ouvert.</translation>
    </message>
    <message>
        <source>Coverage could not be checked.</source>
        <translation>La couverture n&apos;a pas pu être vérifiée.</translation>
    </message>
    <message>
        <source>Pick the caller&apos;s client first (Ctrl+F).</source>
        <translation>Choisissez d&apos;abord le client de l&apos;appelant (Ctrl+F).</translation>
    </message>
    <message>
        <source>Call {duration}</source>
        <translation>Appel {duration}</translation>
    </message>
    <message>
        <source>caller added to the contacts</source>
        <translation>appelant ajouté aux contacts</translation>
    </message>
    <message>
        <source>The incident could not be saved. Nothing was recorded.</source>
        <translation>L&apos;incident n&apos;a pas pu être enregistré. Rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>Cancel the call</source>
        <translation>Annuler l&apos;appel</translation>
    </message>
    <message>
        <source>What you typed for this call will be lost. Cancel the call?</source>
        <translation>Ce que vous avez saisi pour cet appel sera perdu. Annuler l&apos;appel ?</translation>
    </message>
    <message>
        <source>Ready for the next call. Type what the caller says.</source>
        <translation>Prêt pour l&apos;appel suivant. Tapez ce que dit l&apos;appelant.</translation>
    </message>
    <message>
        <source>Resume the interrupted entry? {what}</source>
        <translation>Reprendre la saisie interrompue ? {what}</translation>
    </message>
</context>
<context>
    <name>InterventionForm</name>
    <message>
        <source>Files announced</source>
        <translation>Fichiers annoncés</translation>
    </message>
    <message>
        <source>Start when you connect to the client&apos;s system: the start time is recorded.</source>
        <translation>À cliquer au moment de la connexion au système du client : l&apos;heure de début est enregistrée.</translation>
    </message>
    <message>
        <source>Start the intervention</source>
        <translation>Commencer l&apos;intervention</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>What was done on the client&apos;s system</source>
        <translation>Ce qui a été fait sur le système du client</translation>
    </message>
    <message>
        <source>One file per line</source>
        <translation>Un fichier par ligne</translation>
    </message>
    <message>
        <source>Actions performed</source>
        <translation>Actions réalisées</translation>
    </message>
    <message>
        <source>Files touched</source>
        <translation>Fichiers touchés</translation>
    </message>
    <message>
        <source>Record the end of the intervention</source>
        <translation>Enregistrer la fin de l&apos;intervention</translation>
    </message>
</context>
<context>
    <name>KpiTile</name>
    <message>
        <source>— vs previous period</source>
        <translation>— vs période préc.</translation>
    </message>
    <message>
        <source>{arrow} {sign}{value} % vs previous period</source>
        <translation>{arrow} {sign}{value} % vs période préc.</translation>
    </message>
    <message>
        <source>{period}: {value}</source>
        <translation>{period} : {value}</translation>
    </message>
</context>
<context>
    <name>KpiTiles</name>
    <message>
        <source>Incidents opened</source>
        <translation>Incidents ouverts</translation>
    </message>
    <message>
        <source>{n} not answered yet</source>
        <translation>{n} sans première réponse</translation>
    </message>
    <message>
        <source>Incidents resolved</source>
        <translation>Incidents résolus</translation>
    </message>
    <message>
        <source>{n} closed</source>
        <translation>{n} clos</translation>
    </message>
    <message>
        <source>Backlog at period end</source>
        <translation>En cours en fin de période</translation>
    </message>
    <message>
        <source>median age {age}</source>
        <translation>âge médian {age}</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Appels</translation>
    </message>
    <message>
        <source>{h} h on the line · {n} while closed</source>
        <translation>{h} h au téléphone · {n} hotline fermée</translation>
    </message>
    <message>
        <source>Out of contract</source>
        <translation>Hors contrat</translation>
    </message>
    <message>
        <source>incidents opened in the period</source>
        <translation>incidents ouverts sur la période</translation>
    </message>
    <message>
        <source>First response, median</source>
        <translation>1re réponse, médiane</translation>
    </message>
    <message>
        <source>90th percentile {p}</source>
        <translation>90e centile {p}</translation>
    </message>
    <message>
        <source>Resolution, median</source>
        <translation>Résolution, médiane</translation>
    </message>
    <message>
        <source>Resolved within target</source>
        <translation>Résolus dans l&apos;objectif</translation>
    </message>
    <message>
        <source>{n} of {total} resolved</source>
        <translation>{n} sur {total} résolus</translation>
    </message>
    <message>
        <source>Answered within target</source>
        <translation>Répondus dans l&apos;objectif</translation>
    </message>
    <message>
        <source>{n} of {total} answered</source>
        <translation>{n} sur {total} répondus</translation>
    </message>
    <message>
        <source>Workaround rate</source>
        <translation>Taux de contournement</translation>
    </message>
    <message>
        <source>{n} workarounds</source>
        <translation>{n} contournements</translation>
    </message>
    <message>
        <source>Previous period ({first} – {last})</source>
        <translation>Période précédente ({first} – {last})</translation>
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
        <source>Take a call: find the client and the caller, check what the contract covers and give an incident number before the call ends.</source>
        <translation>Prendre un appel&#xa0;: retrouver le client et l&apos;appelant, vérifier ce que couvre le contrat et donner un numéro d&apos;incident avant la fin de l&apos;appel.</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>Follow incidents from opening to closure: diagnosis, origin, workaround, resolution and their complete history.</source>
        <translation>Suivre les incidents de l&apos;ouverture à la clôture&#xa0;: diagnostic, origine, solution de contournement, résolution et historique complet.</translation>
    </message>
    <message>
        <source>Remote maintenance</source>
        <translation>Télémaintenance</translation>
    </message>
    <message>
        <source>Record each step of a remote maintenance in the contract&apos;s order, from the written information and the client&apos;s prior consent to the final report.</source>
        <translation>Consigner chaque étape d&apos;une télémaintenance dans l&apos;ordre du contrat, de l&apos;information écrite et de l&apos;accord préalable du client jusqu&apos;au compte rendu.</translation>
    </message>
    <message>
        <source>Planning</source>
        <translation>Planning</translation>
    </message>
    <message>
        <source>See the hotline&apos;s opening hours and public holidays, record exceptional closures and training days, and plan the technicians&apos; schedule.</source>
        <translation>Voir les horaires de la hotline et les jours fériés, enregistrer les fermetures exceptionnelles et les journées de formation, et organiser le planning des techniciens.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>See call volumes, delays in hotline hours, quotas and the backlog over a period, and open the incidents behind a row.</source>
        <translation>Voir les volumes d&apos;appels, les délais en heures de hotline, les quotas et les incidents en attente sur une période, et ouvrir les incidents d&apos;une ligne.</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>Contrats</translation>
    </message>
    <message>
        <source>Manage maintenance contracts and their services: dates, commitment, renewal, termination and price revision.</source>
        <translation>Gérer les contrats de maintenance et leurs services&#xa0;: dates, engagement, reconduction, résiliation et révision des prix.</translation>
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
        <source>Supervisor: {name}</source>
        <translation>Superviseur&#xa0;: {name}</translation>
    </message>
    <message>
        <source>Administrator: {name}</source>
        <translation>Administrateur&#xa0;: {name}</translation>
    </message>
    <message>
        <source>Technician: {name}</source>
        <translation>Technicien&#xa0;: {name}</translation>
    </message>
    <message>
        <source>No staff record for the login « {login} » yet: a supervisor gives it a role.</source>
        <translation>Aucune fiche du personnel pour l’identifiant «&#xa0;{login}&#xa0;»&#xa0;: un superviseur lui attribue un rôle.</translation>
    </message>
    <message>
        <source>Login: {login}</source>
        <translation>Identifiant&#xa0;: {login}</translation>
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
    <name>NormalForm</name>
    <message>
        <source>Date and time</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <source>Notified by</source>
        <translation>Notifié par</translation>
    </message>
    <message>
        <source>Record step 5</source>
        <translation>Enregistrer l&apos;étape 5</translation>
    </message>
</context>
<context>
    <name>NumberPanel</name>
    <message>
        <source>Copy</source>
        <extracomment>The number was copied to the clipboard.</extracomment>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy the number to the clipboard</source>
        <translation>Copier le numéro dans le presse-papiers</translation>
    </message>
    <message>
        <source>Incident number to give the caller</source>
        <translation>Numéro d&apos;incident à donner à l&apos;appelant</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <source>{name} — RTC</source>
        <translation>{name} — RTC</translation>
    </message>
    <message>
        <source>Another person…</source>
        <translation>Une autre personne…</translation>
    </message>
    <message>
        <source>First and last name of the person</source>
        <translation>Prénom et nom de la personne</translation>
    </message>
</context>
<context>
    <name>PlanningScreen</name>
    <message>
        <source>Planning</source>
        <extracomment>A training day or closure edit was saved: the hotline calendar is different now. A month is on screen (year, month). An edit was refused or failed; the French message shown.</extracomment>
        <translation>Planning</translation>
    </message>
    <message>
        <source>Opening hours, public holidays, training days, closures and service interruptions</source>
        <translation>Horaires d&apos;ouverture, jours fériés, journées de formation, fermetures et interruptions de service</translation>
    </message>
    <message>
        <source>Previous month</source>
        <translation>Mois précédent</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>Mois suivant</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Rota</source>
        <translation>Permanences</translation>
    </message>
    <message>
        <source>Portal</source>
        <translation>Portail</translation>
    </message>
    <message>
        <source>Jet Clouding</source>
        <translation>Jet Clouding</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvert</translation>
    </message>
    <message>
        <source>Weekend</source>
        <translation>Week-end</translation>
    </message>
    <message>
        <source>Public holiday</source>
        <translation>Jour férié</translation>
    </message>
    <message>
        <source>Internal training</source>
        <translation>Formation interne</translation>
    </message>
    <message>
        <source>Exceptional closure</source>
        <translation>Fermeture exceptionnelle</translation>
    </message>
    <message>
        <source>Service interruption</source>
        <translation>Interruption de service</translation>
    </message>
    <message>
        <source>⚠ not announced (over 1 hour)</source>
        <translation>⚠ non annoncée (plus d’une heure)</translation>
    </message>
    <message>
        <source>Closed {start}–{end}</source>
        <translation>Fermé {start}–{end}</translation>
    </message>
    <message>
        <source>The calendar could not be read: the database did not answer.</source>
        <translation>Le calendrier n&apos;a pas pu être lu : la base de données ne répond pas.</translation>
    </message>
    <message>
        <source>Training days saved.</source>
        <translation>Journées de formation enregistrées.</translation>
    </message>
    <message>
        <source>Closure added.</source>
        <translation>Fermeture ajoutée.</translation>
    </message>
    <message>
        <source>Closure removed.</source>
        <translation>Fermeture supprimée.</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Non enregistré : {reason}</translation>
    </message>
    <message>
        <source>Not saved: the database did not answer. Try again in a moment.</source>
        <translation>Non enregistré : la base de données ne répond pas. Réessayez dans un instant.</translation>
    </message>
</context>
<context>
    <name>PlanningSidePanel</name>
    <message>
        <source>Remove the selected closure</source>
        <extracomment>The user asks to store these training days for the year (year, list of dates). The user asks to add a closure: (reason, day or None, start or None, end or None), naive Paris times. The user asks to remove the stored closure with this id.</extracomment>
        <translation>Supprimer la fermeture sélectionnée</translation>
    </message>
    <message>
        <source>SERVICE INTERRUPTIONS THIS MONTH</source>
        <translation>INTERRUPTIONS DE SERVICE DU MOIS</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Non définie</translation>
    </message>
    <message>
        <source>Training day {number}</source>
        <translation>Journée de formation {number}</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>ADD AN EXCEPTIONAL CLOSURE</source>
        <translation>AJOUTER UNE FERMETURE EXCEPTIONNELLE</translation>
    </message>
    <message>
        <source>Whole day</source>
        <translation>Journée entière</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>e.g. Move to new premises</source>
        <translation>ex. : Déménagement des locaux</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Jour</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Add the closure</source>
        <translation>Ajouter la fermeture</translation>
    </message>
    <message>
        <source>CLOSURES IN {year}</source>
        <translation>FERMETURES {year}</translation>
    </message>
    <message>
        <source>CONFIGURATION WARNINGS</source>
        <translation>AVERTISSEMENTS DE CONFIGURATION</translation>
    </message>
    <message>
        <source>INTERNAL TRAINING DAYS {year}</source>
        <translation>JOURNÉES DE FORMATION INTERNE {year}</translation>
    </message>
    <message>
        <source>No warning for {year}.</source>
        <translation>Aucun avertissement pour {year}.</translation>
    </message>
    <message>
        <source>{day}, {start} to {end}</source>
        <translation>{day}, de {start} à {end}</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>du {start} au {end}</translation>
    </message>
    <message>
        <source>{told}/{total} clients told</source>
        <translation>{told}/{total} clients prévenus</translation>
    </message>
    <message>
        <source>no announcement needed (1 hour or less)</source>
        <translation>pas d&apos;annonce nécessaire (1 heure ou moins)</translation>
    </message>
    <message>
        <source>Over an hour and not announced to every subscribed client beforehand.</source>
        <translation>Plus d&apos;une heure et pas annoncée à l&apos;avance à tous les clients abonnés.</translation>
    </message>
    <message>
        <source>No interruption planned this month.</source>
        <translation>Aucune interruption prévue ce mois-ci.</translation>
    </message>
</context>
<context>
    <name>PrecautionsForm</name>
    <message>
        <source>No protective operation was requested.</source>
        <translation>Aucune opération de protection n&apos;a été demandée.</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <source>Done by the client</source>
        <translation>Faites par le client</translation>
    </message>
    <message>
        <source>Confirmed by</source>
        <translation>Confirmé par</translation>
    </message>
    <message>
        <source>Record step 3</source>
        <translation>Enregistrer l&apos;étape 3</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Incident register — {client}</source>
        <extracomment>The register was recorded and its preview opened (the client&apos;s code).</extracomment>
        <translation>Registre des incidents — {client}</translation>
    </message>
    <message>
        <source>One line per incident opened in the period, with its dates, status and delays.</source>
        <translation>Une ligne par incident ouvert sur la période, avec ses dates, son état et ses délais.</translation>
    </message>
    <message>
        <source>Since the first incident</source>
        <translation>Depuis le premier incident</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Du</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Au</translation>
    </message>
    <message>
        <source>Prepare the register</source>
        <translation>Préparer le registre</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Préparation…</translation>
    </message>
    <message>
        <source>The register was recorded but cannot be shown.</source>
        <translation>Le registre a été enregistré mais ne peut pas être affiché.</translation>
    </message>
    <message>
        <source>The register could not be prepared. Nothing was recorded.</source>
        <translation>Le registre n&apos;a pas pu être préparé. Rien n&apos;a été enregistré.</translation>
    </message>
</context>
<context>
    <name>ReportForm</name>
    <message>
        <source>Reference of a report already sent (optional)</source>
        <translation>Référence d&apos;un compte rendu déjà envoyé (facultatif)</translation>
    </message>
    <message>
        <source>Have it signed and issue the report…</source>
        <translation>Faire signer et émettre le compte rendu…</translation>
    </message>
    <message>
        <source>Leave empty to have the report signed and issue it now</source>
        <translation>Laisser vide pour faire signer et émettre le compte rendu maintenant</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <source>Without a reference, the technician and the client sign on screen, then the report is issued, recorded as sent and opened in the preview.</source>
        <translation>Sans référence, le technicien et le client signent à l&apos;écran, puis le compte rendu est émis, enregistré comme envoyé et ouvert dans l&apos;aperçu.</translation>
    </message>
    <message>
        <source>Record step 6</source>
        <translation>Enregistrer l&apos;étape 6</translation>
    </message>
    <message>
        <source>Step 6 names this report; no report is issued.</source>
        <translation>L&apos;étape 6 cite ce compte rendu ; aucun compte rendu n&apos;est émis.</translation>
    </message>
</context>
<context>
    <name>RotaPanel</name>
    <message>
        <source>Previous week</source>
        <extracomment>A shift or a leave was saved (the status bar&apos;s duty line should be read again). A week is on screen (its Monday). An edit was refused; the French message shown.</extracomment>
        <translation>Semaine précédente</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>Semaine suivante</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Cette semaine</translation>
    </message>
    <message>
        <source>Gaps (min. {minimum})</source>
        <translation>Manques (min. {minimum})</translation>
    </message>
    <message>
        <source>Primary</source>
        <extracomment>Asks the user to confirm a deletion: (title, question) → yes; tests replace it.</extracomment>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Renfort</translation>
    </message>
    <message>
        <source>Exceptional duty (outside opening hours)</source>
        <translation>Astreinte exceptionnelle (hors horaires)</translation>
    </message>
    <message>
        <source>Drag across a row to add a shift, drag a shift to move it, right-click a shift or a leave to delete it; double-click a name for the weekly routine.</source>
        <translation>Glissez sur une ligne pour ajouter une permanence, glissez une permanence pour la déplacer, clic droit sur une permanence ou une absence pour la supprimer ; double-cliquez sur un nom pour sa semaine type.</translation>
    </message>
    <message>
        <source>New shifts:</source>
        <translation>Nouvelles permanences :</translation>
    </message>
    <message>
        <source>Gaps of the week</source>
        <translation>Manques de la semaine</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Absence</translation>
    </message>
    <message>
        <source>On site / remote maintenance</source>
        <translation>Sur site / télémaintenance</translation>
    </message>
    <message>
        <source>Gap: fewer on the line than the minimum</source>
        <translation>Manque : moins de techniciens en ligne que le minimum</translation>
    </message>
    <message>
        <source>Hotline closed</source>
        <translation>Hotline fermée</translation>
    </message>
    <message>
        <source>Record leave</source>
        <translation>Enregistrer une absence</translation>
    </message>
    <message>
        <source>Paid leave</source>
        <translation>Congés</translation>
    </message>
    <message>
        <source>Sick leave</source>
        <translation>Maladie</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Formation</translation>
    </message>
    <message>
        <source>Part-time day</source>
        <translation>Temps partiel</translation>
    </message>
    <message>
        <source>RTT</source>
        <translation>RTT</translation>
    </message>
    <message>
        <source>Other absence</source>
        <translation>Autre absence</translation>
    </message>
    <message>
        <source>Afternoon only on the first day</source>
        <translation>Premier jour : l&apos;après-midi seulement</translation>
    </message>
    <message>
        <source>Morning only on the last day</source>
        <translation>Dernier jour : le matin seulement</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Technicien</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>Week {week} — {first} to {last}</source>
        <translation>Semaine {week} — du {first} au {last}</translation>
    </message>
    <message>
        <source>{count} gap(s), {hours} h {minutes:02d} of opening time under the minimum</source>
        <translation>{count} manque(s), {hours} h {minutes:02d} d&apos;ouverture sous le minimum</translation>
    </message>
    <message>
        <source>No gap: the minimum is on the line at every opening hour</source>
        <translation>Aucun manque : le minimum est en ligne à chaque heure d&apos;ouverture</translation>
    </message>
    <message>
        <source>No gap this week.</source>
        <translation>Aucun manque cette semaine.</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>personne</translation>
    </message>
    <message>
        <source>{day} {date} {start}–{end} ({minutes} min): {count} of {minimum} on the line — {who}</source>
        <translation>{day} {date} {start}–{end} ({minutes} min) : {count} sur {minimum} en ligne — {who}</translation>
    </message>
    <message>
        <source>The rota could not be read: the database did not answer.</source>
        <translation>Les permanences n&apos;ont pas pu être lues : la base de données n&apos;a pas répondu.</translation>
    </message>
    <message>
        <source>Shift added.</source>
        <translation>Permanence ajoutée.</translation>
    </message>
    <message>
        <source>Shift moved.</source>
        <translation>Permanence déplacée.</translation>
    </message>
    <message>
        <source>Delete the shift of {name} on {day}, {start}–{end}?</source>
        <translation>Supprimer la permanence de {name} le {day}, {start}–{end} ?</translation>
    </message>
    <message>
        <source>Delete the shift</source>
        <translation>Supprimer la permanence</translation>
    </message>
    <message>
        <source>Shift deleted.</source>
        <translation>Permanence supprimée.</translation>
    </message>
    <message>
        <source>Delete this absence of {name} ({what})?</source>
        <translation>Supprimer cette absence de {name} ({what}) ?</translation>
    </message>
    <message>
        <source>Delete the leave</source>
        <translation>Supprimer l&apos;absence</translation>
    </message>
    <message>
        <source>Leave deleted.</source>
        <translation>Absence supprimée.</translation>
    </message>
    <message>
        <source>Weekly routine of {name} skipped on {day}.</source>
        <translation>Semaine type de {name} suspendue le {day}.</translation>
    </message>
    <message>
        <source>Leave recorded.</source>
        <translation>Absence enregistrée.</translation>
    </message>
    <message>
        <source>Not saved: the database did not answer. Try again in a moment.</source>
        <translation>Non enregistré : la base de données ne répond pas. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Non enregistré : {reason}</translation>
    </message>
</context>
<context>
    <name>RotaPatternDialog</name>
    <message>
        <source>Weekly routine — {name}</source>
        <extracomment>A routine was added, ended or suspended (the week view should be read again). An edit was refused; the French message shown.</extracomment>
        <translation>Semaine type — {name}</translation>
    </message>
    <message>
        <source>Shifts repeated every week. Leave still wins over a routine; to change one, end it and add the new one from the next day.</source>
        <translation>Permanences répétées chaque semaine. Une absence l&apos;emporte toujours sur la semaine type ; pour en changer une, terminez-la et ajoutez la nouvelle à partir du lendemain.</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Jour</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Horaires</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Validité</translation>
    </message>
    <message>
        <source>Skipped days</source>
        <translation>Jours suspendus</translation>
    </message>
    <message>
        <source>End after this day</source>
        <translation>Terminer après ce jour</translation>
    </message>
    <message>
        <source>Skip this day</source>
        <translation>Suspendre ce jour</translation>
    </message>
    <message>
        <source>Apply again this day</source>
        <translation>Rétablir ce jour</translation>
    </message>
    <message>
        <source>Selected routine</source>
        <translation>Semaine type sélectionnée</translation>
    </message>
    <message>
        <source>Add a routine</source>
        <translation>Ajouter une permanence répétée</translation>
    </message>
    <message>
        <source>Primary</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Renfort</translation>
    </message>
    <message>
        <source>No end</source>
        <translation>Sans fin</translation>
    </message>
    <message>
        <source>Add the routine</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>Chaque</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>from {first} to {last}</source>
        <translation>du {first} au {last}</translation>
    </message>
    <message>
        <source>from {first}, no end</source>
        <translation>depuis le {first}, sans fin</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>No weekly routine yet.</source>
        <translation>Aucune semaine type pour l&apos;instant.</translation>
    </message>
    <message>
        <source>The weekly routines could not be read: the database did not answer.</source>
        <translation>La semaine type n&apos;a pas pu être lue : la base de données n&apos;a pas répondu.</translation>
    </message>
    <message>
        <source>Routine added.</source>
        <translation>Semaine type ajoutée.</translation>
    </message>
    <message>
        <source>Routine ended: its last day is {day}.</source>
        <translation>Semaine type terminée : son dernier jour est le {day}.</translation>
    </message>
    <message>
        <source>Routine skipped on {day}.</source>
        <translation>Semaine type suspendue le {day}.</translation>
    </message>
    <message>
        <source>Routine applies again on {day}.</source>
        <translation>Semaine type rétablie le {day}.</translation>
    </message>
    <message>
        <source>Not saved: the database did not answer. Try again in a moment.</source>
        <translation>Non enregistré : la base de données ne répond pas. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Non enregistré : {reason}</translation>
    </message>
</context>
<context>
    <name>RotaWeekView</name>
    <message>
        <source>Rota of the week</source>
        <extracomment>A new shift is asked for: (login, day, start, end). A stored shift is dragged elsewhere: (shift key, login, day, start, end). Deleting a stored shift is asked for: (shift key, login, day, start, end). Deleting a leave is asked for: the :class:`Leave` (its key is the stored id). Skipping a weekly routine on one day is asked for: (pattern key, login, day). A technician&apos;s weekly routines are asked for: (login).</extracomment>
        <translation>Permanences de la semaine</translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation>Manques</translation>
    </message>
    <message>
        <source>backup</source>
        <translation>renfort</translation>
    </message>
    <message>
        <source>Weekly routine…</source>
        <translation>Semaine type…</translation>
    </message>
    <message>
        <source>Delete the shift</source>
        <translation>Supprimer la permanence</translation>
    </message>
    <message>
        <source>Skip the weekly routine on this day</source>
        <translation>Ne pas appliquer la semaine type ce jour-là</translation>
    </message>
    <message>
        <source>Delete the leave</source>
        <translation>Supprimer l&apos;absence</translation>
    </message>
    <message>
        <source>Double-click: weekly routine</source>
        <translation>Double-clic : semaine type</translation>
    </message>
    <message>
        <source>Weekly routine</source>
        <translation>Roulement hebdomadaire</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Permanence</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>Have it signed — {subject}</source>
        <translation>Faire signer — {subject}</translation>
    </message>
    <message>
        <source>The technician and the client sign the intervention report below, with the mouse, a pen or a finger. The client may also sign the printed copy by hand.</source>
        <translation>Le technicien et le client signent ci-dessous le compte rendu d&apos;intervention, à la souris, au stylet ou au doigt. Le client peut aussi signer à la main l&apos;exemplaire imprimé.</translation>
    </message>
    <message>
        <source>THE TECHNICIAN</source>
        <translation>LE TECHNICIEN</translation>
    </message>
    <message>
        <source>Hotline technician</source>
        <translation>Technicien hotline</translation>
    </message>
    <message>
        <source>FOR THE CLIENT</source>
        <translation>POUR LE CLIENT</translation>
    </message>
    <message>
        <source>Name of the person signing</source>
        <translation>Nom du signataire</translation>
    </message>
    <message>
        <source>Sign later (handwritten signature)</source>
        <translation>Signer plus tard (signature manuscrite)</translation>
    </message>
    <message>
        <source>The client&apos;s box prints empty, with « Lu et approuvé », their name and the date to fill in.</source>
        <translation>Le cadre du client est imprimé vide, avec « Lu et approuvé », son nom et la date à compléter.</translation>
    </message>
    <message>
        <source>Sign and prepare the report</source>
        <translation>Signer et préparer le compte rendu</translation>
    </message>
    <message>
        <source>The technician has not signed yet.</source>
        <translation>Le technicien n&apos;a pas encore signé.</translation>
    </message>
    <message>
        <source>The technician&apos;s name is missing.</source>
        <translation>Le nom du technicien manque.</translation>
    </message>
    <message>
        <source>Enter the name of the person signing for the client.</source>
        <translation>Indiquez le nom de la personne qui signe pour le client.</translation>
    </message>
    <message>
        <source>The client has not signed yet, or signs later by hand.</source>
        <translation>Le client n&apos;a pas encore signé (ou cochez « Signer plus tard »).</translation>
    </message>
    <message>
        <source>The client will sign the printed copy by hand.</source>
        <translation>Le client signera à la main l&apos;exemplaire imprimé.</translation>
    </message>
    <message>
        <source>Sign here</source>
        <translation>Signez ici</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Erase the signature and start again</source>
        <translation>Effacer la signature et recommencer</translation>
    </message>
    <message>
        <source>Sign here</source>
        <translation>Signez ici</translation>
    </message>
    <message>
        <source>Signature pad</source>
        <translation>Zone de signature</translation>
    </message>
</context>
<context>
    <name>SignerPanel</name>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>&amp;Capacity</source>
        <translation>&amp;Qualité</translation>
    </message>
    <message>
        <source>Not signed yet</source>
        <translation>Pas encore signé</translation>
    </message>
    <message>
        <source>Signed on {day} at {time}</source>
        <translation>Signé le {day} à {time}</translation>
    </message>
</context>
<context>
    <name>StartTelemaintenanceDialog</name>
    <message>
        <source>Remote maintenance of incident {number}</source>
        <extracomment>The télémaintenance was prepared (its reference).</extracomment>
        <translation>Télémaintenance de l&apos;incident {number}</translation>
    </message>
    <message>
        <source>What the client will be told in writing before anything is done on its data (R-18, step 1). Nothing is sent yet.</source>
        <translation>Ce qui sera communiqué par écrit au client avant toute action sur ses données (R-18, étape 1). Rien n&apos;est encore envoyé.</translation>
    </message>
    <message>
        <source>e.g. Removal of the duplicate payment orders of 2026</source>
        <translation>ex. Suppression des mandats en double de 2026</translation>
    </message>
    <message>
        <source>One file per line, or separated by commas</source>
        <translation>Un fichier par ligne, ou séparés par des virgules</translation>
    </message>
    <message>
        <source>e.g. Loss of the entries made since the last backup</source>
        <translation>ex. Perte des saisies faites depuis la dernière sauvegarde</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>scope (optional)</source>
        <translation>périmètre (facultatif)</translation>
    </message>
    <message>
        <source>which one</source>
        <translation>laquelle</translation>
    </message>
    <message>
        <source>&amp;Nature</source>
        <translation>&amp;Nature</translation>
    </message>
    <message>
        <source>&amp;Files concerned</source>
        <translation>&amp;Fichiers concernés</translation>
    </message>
    <message>
        <source>Possible &amp;risks</source>
        <translation>&amp;Risques possibles</translation>
    </message>
    <message>
        <source>Planned &amp;delay</source>
        <translation>&amp;Délai prévu</translation>
    </message>
    <message>
        <source>Operations to ask</source>
        <translation>Opérations à demander</translation>
    </message>
    <message>
        <source>Prepare</source>
        <translation>Préparer</translation>
    </message>
    <message>
        <source>The remote maintenance could not be prepared. Nothing was recorded.</source>
        <translation>La télémaintenance n&apos;a pas pu être préparée. Rien n&apos;a été enregistré.</translation>
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
<context>
    <name>StepForm</name>
    <message>
        <source>{when} is in the future: a step is recorded once it has taken place.</source>
        <extracomment>The technician asks to record something: (operation name of ``ui.telemaintenance.operations``, values). The client refuses (step 2) or withdraws (steps 3 and 4) its consent: REFUSE or WITHDRAW. What was typed cannot be recorded (a date in the future): the French message, shown in the step.</extracomment>
        <translation>Le {when} est dans le futur : une étape s&apos;enregistre une fois qu&apos;elle a eu lieu.</translation>
    </message>
    <message>
        <source>Client refuses…</source>
        <translation>Refus du client…</translation>
    </message>
    <message>
        <source>Consent withdrawn…</source>
        <translation>Retrait de l&apos;accord…</translation>
    </message>
</context>
<context>
    <name>StepRow</name>
    <message>
        <source>Step {number} · {title}</source>
        <translation>Étape {number} · {title}</translation>
    </message>
</context>
<context>
    <name>Stepper</name>
    <message>
        <source>Done</source>
        <translation>Faite</translation>
    </message>
    <message>
        <source>Recorded on {when} by {author}</source>
        <translation>Enregistrée le {when} par {author}</translation>
    </message>
    <message>
        <source>⚠ Not a technical contact (RTC) of the client: consent confirmed by the technician.</source>
        <translation>⚠ Personne non RTC du client : accord confirmé par le technicien.</translation>
    </message>
    <message>
        <source>View the document</source>
        <translation>Voir le document</translation>
    </message>
    <message>
        <source>Preview the document sent, to print it again or save it</source>
        <translation>Afficher l&apos;aperçu du document envoyé, pour le réimprimer ou l&apos;enregistrer</translation>
    </message>
    <message>
        <source>✓ Files touched as announced to the client.</source>
        <translation>✓ Fichiers touchés conformes à l&apos;information du client.</translation>
    </message>
    <message>
        <source>Expected now</source>
        <translation>À faire maintenant</translation>
    </message>
    <message>
        <source>Waiting for the client&apos;s written consent: the incident&apos;s clock is paused.</source>
        <translation>En attente de l&apos;accord écrit du client : le délai de l&apos;incident est suspendu.</translation>
    </message>
    <message>
        <source>Waiting for the client&apos;s protective operations: the incident&apos;s clock is paused.</source>
        <translation>En attente des opérations de protection du client : le délai de l&apos;incident est suspendu.</translation>
    </message>
    <message>
        <source>after step {number}</source>
        <translation>après l&apos;étape {number}</translation>
    </message>
    <message>
        <source>Not performed.</source>
        <translation>Non réalisée.</translation>
    </message>
    <message>
        <source>✕ Consent refused by {who}</source>
        <translation>✕ Accord refusé par {who}</translation>
    </message>
    <message>
        <source>✕ Consent withdrawn by {who}</source>
        <translation>✕ Accord retiré par {who}</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Motif : {reason}</translation>
    </message>
    <message>
        <source>The remote maintenance ends here: no further step can be recorded.</source>
        <translation>La télémaintenance s&apos;arrête ici : aucune autre étape ne peut être enregistrée.</translation>
    </message>
</context>
<context>
    <name>SyncDetailsDialog</name>
    <message>
        <source>Client portal synchronisation</source>
        <translation>Synchronisation avec l&apos;espace client</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Conflicts to settle</source>
        <translation>Conflits à trancher</translation>
    </message>
    <message>
        <source>Quarantined records</source>
        <translation>Enregistrements en quarantaine</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Essais</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <source>Failed sends</source>
        <translation>Envois en échec</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Opération</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>Portal&apos;s answer</source>
        <translation>Réponse du portail</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Put the failed sends back in the queue and synchronise</source>
        <translation>Remettre les envois en échec dans la file et synchroniser</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchroniser</translation>
    </message>
    <message>
        <source>The database did not answer: {error}</source>
        <translation>La base de données n&apos;a pas répondu : {error}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Last successful synchronisation: {last} — waiting to be sent: {pending}</source>
        <translation>Dernière synchronisation réussie : {last} — en attente d&apos;envoi : {pending}</translation>
    </message>
    <message>
        <source>Last error: {error}</source>
        <translation>Dernière erreur : {error}</translation>
    </message>
    <message>
        <source>Conflicts to settle ({count})</source>
        <translation>Conflits à trancher ({count})</translation>
    </message>
    <message>
        <source>Quarantined records ({count})</source>
        <translation>Enregistrements en quarantaine ({count})</translation>
    </message>
    <message>
        <source>Failed sends ({count})</source>
        <translation>Envois en échec ({count})</translation>
    </message>
    <message>
        <source>No conflict: the hotline and the portal agree.</source>
        <translation>Aucun conflit : la hotline et l&apos;espace client sont d&apos;accord.</translation>
    </message>
    <message>
        <source>title</source>
        <translation>titre</translation>
    </message>
    <message>
        <source>description</source>
        <translation>description</translation>
    </message>
    <message>
        <source>{number} — {title}: the {field} was changed on both sides</source>
        <translation>{number} — {title} : le champ « {field} » a été modifié des deux côtés</translation>
    </message>
    <message>
        <source>Keep the hotline&apos;s value</source>
        <translation>Garder la valeur de la hotline</translation>
    </message>
    <message>
        <source>Take the client&apos;s</source>
        <translation>Prendre celle du client</translation>
    </message>
    <message>
        <source>Hotline:</source>
        <translation>Hotline :</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Client :</translation>
    </message>
</context>
<context>
    <name>SyncStatusIndicator</name>
    <message>
        <source>Portal synchronisation status</source>
        <translation>État de la synchronisation avec le portail</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchroniser</translation>
    </message>
    <message>
        <source>Synchronise with the client portal now ({shortcut})</source>
        <translation>Synchroniser maintenant avec l&apos;espace client ({shortcut})</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>Détails…</translation>
    </message>
    <message>
        <source>at {time}</source>
        <translation>à {time}</translation>
    </message>
    <message>
        <source>on {date} at {time}</source>
        <translation>le {date} à {time}</translation>
    </message>
    <message>
        <source>Portal not configured</source>
        <translation>Portail non configuré</translation>
    </message>
    <message>
        <source>Portal: checking…</source>
        <translation>Portail : vérification…</translation>
    </message>
    <message>
        <source>Portal: syncing…</source>
        <translation>Portail : synchronisation…</translation>
    </message>
    <message>
        <source>Portal: offline since {time}</source>
        <translation>Portail : hors ligne depuis {time}</translation>
    </message>
    <message>
        <source>Portal: error</source>
        <translation>Portail : erreur</translation>
    </message>
    <message>
        <source>Portal: online</source>
        <translation>Portail : en ligne</translation>
    </message>
    <message>
        <source>Portal</source>
        <translation>Portail</translation>
    </message>
    <message>
        <source>{count} pending</source>
        <translation>{count} en attente</translation>
    </message>
    <message>
        <source>synced {when}</source>
        <translation>synchronisé {when}</translation>
    </message>
    <message>
        <source>1 error</source>
        <translation>1 erreur</translation>
    </message>
    <message>
        <source>{count} errors</source>
        <translation>{count} erreurs</translation>
    </message>
    <message>
        <source>Conflicts to settle: {count}</source>
        <translation>Conflits à trancher : {count}</translation>
    </message>
    <message>
        <source>Quarantined records: {count}</source>
        <translation>Enregistrements en quarantaine : {count}</translation>
    </message>
    <message>
        <source>Failed sends: {count}</source>
        <translation>Envois en échec : {count}</translation>
    </message>
    <message>
        <source>Last error: {error}</source>
        <translation>Dernière erreur : {error}</translation>
    </message>
    <message>
        <source>No client portal is configured on this workstation. In a terminal, run
hotline portal login --portal URL
and give the portal&apos;s access token (or set HOTLINE_PORTAL_TOKEN), then restart the app.</source>
        <translation>Aucun espace client n&apos;est configuré sur ce poste. Dans un terminal, lancer
hotline portal login --portal URL
puis donner le jeton d&apos;accès au portail (ou définir HOTLINE_PORTAL_TOKEN), et relancer l&apos;application.</translation>
    </message>
    <message>
        <source>Client portal</source>
        <translation>Espace client</translation>
    </message>
</context>
<context>
    <name>TelemaintenanceEvidence</name>
    <message>
        <source>Written information</source>
        <translation>Information écrite du client</translation>
    </message>
    <message>
        <source>Prior written consent</source>
        <translation>Accord écrit préalable</translation>
    </message>
    <message>
        <source>Protective operations</source>
        <translation>Opérations de protection</translation>
    </message>
    <message>
        <source>Intervention</source>
        <translation>Intervention</translation>
    </message>
    <message>
        <source>Return to normal operation</source>
        <translation>Retour à la normale</translation>
    </message>
    <message>
        <source>Written report</source>
        <translation>Compte rendu écrit</translation>
    </message>
    <message>
        <source>Sent by</source>
        <translation>Envoyée par</translation>
    </message>
    <message>
        <source>Document issued</source>
        <translation>Document émis</translation>
    </message>
    <message>
        <source>Nature</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>Files concerned</source>
        <translation>Fichiers concernés</translation>
    </message>
    <message>
        <source>Possible risks</source>
        <translation>Risques possibles</translation>
    </message>
    <message>
        <source>Planned delay</source>
        <translation>Délai prévu</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>Operations requested</source>
        <translation>Opérations demandées</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>{name} (technical contact, RTC)</source>
        <translation>{name} (responsable technique, RTC)</translation>
    </message>
    <message>
        <source>Given by</source>
        <translation>Donné par</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Forme</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Pièce justificative</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>Opérations</translation>
    </message>
    <message>
        <source>none requested</source>
        <translation>aucune demandée</translation>
    </message>
    <message>
        <source>confirmed by {name}</source>
        <translation>confirmée par {name}</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Actions performed</source>
        <translation>Actions réalisées</translation>
    </message>
    <message>
        <source>Files touched</source>
        <translation>Fichiers touchés</translation>
    </message>
    <message>
        <source>Notified on</source>
        <translation>Notifié le</translation>
    </message>
    <message>
        <source>Notified by</source>
        <translation>Notifié par</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Compte rendu</translation>
    </message>
    <message>
        <source>Sent on</source>
        <translation>Envoyé le</translation>
    </message>
    <message>
        <source>not announced: {files}</source>
        <translation>non annoncés : {files}</translation>
    </message>
    <message>
        <source>announced but not touched: {files}</source>
        <translation>annoncés mais non touchés : {files}</translation>
    </message>
    <message>
        <source>Difference from the written information — {parts}</source>
        <translation>Écart avec l&apos;information écrite — {parts}</translation>
    </message>
</context>
<context>
    <name>TelemaintenanceScreen</name>
    <message>
        <source>Remote maintenance</source>
        <extracomment>A step was recorded (the intervention&apos;s reference). The selected intervention is on screen.</extracomment>
        <translation>Télémaintenance</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Waiting on the client</source>
        <translation>En attente du client</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Toutes</translation>
    </message>
    <message>
        <source>Select a remote maintenance to follow its steps.</source>
        <translation>Choisir une télémaintenance pour suivre ses étapes.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message numerus="yes">
        <source>%n intervention(s)</source>
        <translation>
            <numerusform>%n intervention</numerusform>
            <numerusform>%n interventions</numerusform>
        </translation>
    </message>
    <message>
        <source>No remote maintenance is waiting on the client.</source>
        <translation>Aucune télémaintenance n&apos;attend le client.</translation>
    </message>
    <message>
        <source>No remote maintenance in progress. Prepare one from an incident&apos;s file (Incidents).</source>
        <translation>Aucune télémaintenance en cours. En préparer une depuis la fiche d&apos;un incident (Incidents).</translation>
    </message>
    <message>
        <source>The list could not be loaded</source>
        <translation>La liste n&apos;a pas pu être chargée</translation>
    </message>
    <message>
        <source>The remote maintenance could not be loaded.</source>
        <translation>La télémaintenance n&apos;a pas pu être chargée.</translation>
    </message>
    <message>
        <source>STEPS (R-18)</source>
        <translation>ÉTAPES (R-18)</translation>
    </message>
    <message>
        <source>Incident {number} — {title}</source>
        <translation>Incident {number} — {title}</translation>
    </message>
    <message>
        <source>Prepared on {when} by {author} · in this state since {since}</source>
        <translation>Préparée le {when} par {author} · dans cet état depuis le {since}</translation>
    </message>
    <message>
        <source>Waiting on the client for {duration} of hotline opening — the incident&apos;s clock is paused.</source>
        <translation>En attente du client depuis {duration} d&apos;ouverture de la hotline — le délai de l&apos;incident est suspendu.</translation>
    </message>
    <message>
        <source>The client kept this remote maintenance waiting {duration} of hotline opening.</source>
        <translation>Attente du client : {duration} d&apos;ouverture de la hotline au total.</translation>
    </message>
    <message>
        <source>✓ Remote maintenance completed on {when}: the written report was sent.</source>
        <translation>✓ Télémaintenance terminée le {when} : le compte rendu écrit a été envoyé.</translation>
    </message>
    <message>
        <source>RECORD OF THE REMOTE MAINTENANCE</source>
        <translation>REGISTRE DE LA TÉLÉMAINTENANCE</translation>
    </message>
    <message>
        <source>Each line is also kept in the hash-chained audit log: it cannot be changed afterwards.</source>
        <translation>Chaque ligne est aussi conservée dans le journal d&apos;audit chaîné : elle ne peut plus être modifiée.</translation>
    </message>
    <message>
        <source>The step could not be recorded. Nothing was changed.</source>
        <translation>L&apos;étape n&apos;a pas pu être enregistrée. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>Consent from a person who is not an RTC</source>
        <translation>Accord d&apos;une personne non RTC</translation>
    </message>
    <message>
        <source>Record it anyway?</source>
        <translation>Enregistrer quand même ?</translation>
    </message>
    <message>
        <source>Record anyway</source>
        <translation>Enregistrer quand même</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>No document of this step is kept in the registry.</source>
        <translation>Aucun document de cette étape n&apos;est conservé dans le registre.</translation>
    </message>
    <message>
        <source>The document could not be read.</source>
        <translation>Le document n&apos;a pas pu être lu.</translation>
    </message>
    <message>
        <source>The document was recorded but cannot be shown.</source>
        <translation>Le document a été enregistré mais ne peut pas être affiché.</translation>
    </message>
</context>
<context>
    <name>TelemaintenanceTableModel</name>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <source>Information to send</source>
        <translation>Information à envoyer</translation>
    </message>
    <message>
        <source>Awaiting consent</source>
        <translation>Attente de l&apos;accord</translation>
    </message>
    <message>
        <source>Awaiting protection</source>
        <translation>Attente des protections</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prête</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Intervention en cours</translation>
    </message>
    <message>
        <source>Return to notify</source>
        <translation>Retour à notifier</translation>
    </message>
    <message>
        <source>Report to send</source>
        <translation>Compte rendu à envoyer</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Consent refused</source>
        <translation>Accord refusé</translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation>Accord retiré</translation>
    </message>
    <message>
        <source>Time in the current state, in hotline opening hours (its date once finished)</source>
        <translation>Temps passé dans l&apos;état actuel, en heures d&apos;ouverture de la hotline (sa date une fois terminée)</translation>
    </message>
    <message>
        <source>Incident {number} — {title}</source>
        <translation>Incident {number} — {title}</translation>
    </message>
    <message>
        <source>In this state since {when}</source>
        <translation>Dans cet état depuis le {when}</translation>
    </message>
    <message>
        <source>{duration} of opening</source>
        <translation>{duration} d&apos;ouverture</translation>
    </message>
</context>
<context>
    <name>WhenEdit</name>
    <message>
        <source>now</source>
        <translation>maintenant</translation>
    </message>
    <message>
        <source>Back to the current date and time</source>
        <translation>Revenir à la date et à l&apos;heure actuelles</translation>
    </message>
</context>
</TS>
