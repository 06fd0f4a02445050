"""Demonstration help topics, in both languages, written for this portal.

Each entry: category, order, whether the sign-in page lists it, then per language the question,
the address (slug) and the answer (the limited HTML editors may write).
"""

from portal.models import HelpTopic

C = HelpTopic.Category

TOPICS = [
    # --- Signing in -------------------------------------------------------------------------
    {
        "category": C.SIGNING_IN,
        "order": 10,
        "on_signin_page": True,
        "question_en": "I can't sign in to my account. What should I do?",
        "slug_en": "cant-sign-in",
        "answer_en": (
            "<p>First check that you are using the same way of signing in as when you created "
            "your account: an account made with GCKey cannot be opened with a Sign-In Partner, "
            "and the reverse is also true.</p>"
            "<ul><li>With GCKey, check your username and password; both are case-sensitive.</li>"
            "<li>With a Sign-In Partner, check that your online banking works on your bank's "
            "own site.</li>"
            "<li>Close every browser window and try again, or try another browser.</li></ul>"
            "<p>If you still can't sign in, use the technical-difficulties web form.</p>"
        ),
        "question_fr": "Je n’arrive pas à ouvrir une session pour accéder à mon compte. Que faire?",
        "slug_fr": "impossible-ouvrir-session",
        "answer_fr": (
            "<p>Vérifiez d’abord que vous utilisez le même moyen d’ouverture de session que lors "
            "de la création de votre compte : un compte créé avec une CléGC ne s’ouvre pas avec "
            "un partenaire de connexion, et l’inverse est aussi vrai.</p>"
            "<ul><li>Avec une CléGC, vérifiez votre nom d’utilisateur et votre mot de passe; "
            "les majuscules et les minuscules comptent.</li>"
            "<li>Avec un partenaire de connexion, vérifiez que vos services bancaires en ligne "
            "fonctionnent sur le site de votre banque.</li>"
            "<li>Fermez toutes les fenêtres de votre navigateur et réessayez, ou essayez un "
            "autre navigateur.</li></ul>"
            "<p>Si vous n’y arrivez toujours pas, utilisez le formulaire Web des difficultés "
            "techniques.</p>"
        ),
    },
    {
        "category": C.SIGNING_IN,
        "order": 20,
        "question_en": "Which sign-in option should I choose?",
        "slug_en": "which-sign-in-option",
        "answer_en": (
            "<p>Both options lead to the same kind of account. Choose a Sign-In Partner if you "
            "already bank online with one of our partner financial institutions and prefer not "
            "to remember another password. Otherwise, create a GCKey.</p>"
            "<p>Whatever you choose, use the same option every time you sign in.</p>"
        ),
        "question_fr": "Quelle option d’ouverture de session dois-je choisir?",
        "slug_fr": "quelle-option-ouverture-session",
        "answer_fr": (
            "<p>Les deux options mènent au même type de compte. Choisissez un partenaire de "
            "connexion si vous utilisez déjà les services bancaires en ligne d’une de nos "
            "institutions financières partenaires et que vous préférez ne pas retenir un autre "
            "mot de passe. Sinon, créez une CléGC.</p>"
            "<p>Quel que soit votre choix, utilisez la même option chaque fois.</p>"
        ),
    },
    {
        "category": C.SIGNING_IN,
        "order": 30,
        "question_en": "Why was I signed out of my account?",
        "slug_en": "signed-out",
        "answer_en": (
            "<p>To protect your information, your session ends after a period without activity. "
            "We warn you before it ends so that you can stay signed in. Anything you had not "
            "saved may be lost, so save your work often.</p>"
        ),
        "question_fr": "Pourquoi ma session a-t-elle été fermée?",
        "slug_fr": "session-fermee",
        "answer_fr": (
            "<p>Pour protéger vos renseignements, votre session se ferme après une période "
            "d’inactivité. Nous vous avertissons avant, pour que vous puissiez la garder "
            "ouverte. Ce que vous n’aviez pas enregistré peut être perdu : enregistrez souvent "
            "votre travail.</p>"
        ),
    },
    {
        "category": C.SIGNING_IN,
        "order": 40,
        "question_en": "Can I use the account on my phone?",
        "slug_en": "phone",
        "answer_en": (
            "<p>Yes. The pages adapt to small screens and work in current mobile browsers. For "
            "long forms and uploads, a computer may be easier.</p>"
        ),
        "question_fr": "Puis-je utiliser le compte sur mon téléphone?",
        "slug_fr": "telephone",
        "answer_fr": (
            "<p>Oui. Les pages s’adaptent aux petits écrans et fonctionnent dans les navigateurs "
            "mobiles récents. Pour les longs formulaires et l’envoi de documents, un ordinateur "
            "peut être plus pratique.</p>"
        ),
    },
    # --- GCKey ------------------------------------------------------------------------------
    {
        "category": C.GCKEY,
        "order": 10,
        "on_signin_page": True,
        "question_en": "What should I do if I forget my GCKey username or password?",
        "slug_en": "forgot-gckey-username-password",
        "answer_en": (
            "<p>On the GCKey sign-in page, choose “Forgot your username?” or “Forgot your "
            "password?”.</p>"
            "<ul><li>For your username, we send it to the recovery email address of your "
            "account.</li>"
            "<li>For your password, we email you a link to choose a new one.</li></ul>"
            "<p>For your protection, the page looks the same whether or not an account matches "
            "what you typed. If no email arrives, check your junk mail folder.</p>"
        ),
        "question_fr": "Que dois-je faire si j’oublie mon nom d’utilisateur et mon mot de passe "
        "pour la CléGC?",
        "slug_fr": "oubli-nom-utilisateur-mot-de-passe-clegc",
        "answer_fr": (
            "<p>Sur la page d’ouverture de session CléGC, choisissez « Nom d’utilisateur "
            "oublié? » ou « Mot de passe oublié? ».</p>"
            "<ul><li>Nous envoyons votre nom d’utilisateur à l’adresse courriel de récupération "
            "de votre compte.</li>"
            "<li>Pour votre mot de passe, nous vous envoyons par courriel un lien pour en "
            "choisir un nouveau.</li></ul>"
            "<p>Pour votre protection, la page est la même, qu’un compte corresponde ou non à "
            "ce que vous avez saisi. Si aucun courriel n’arrive, vérifiez vos courriels "
            "indésirables.</p>"
        ),
    },
    {
        "category": C.GCKEY,
        "order": 20,
        "question_en": "What are the rules for a GCKey username and password?",
        "slug_en": "gckey-username-password-rules",
        "answer_en": (
            "<ul><li>Username: 8 to 16 characters, letters and at most 7 digits, no special "
            "characters.</li>"
            "<li>Password: 8 to 16 characters, with at least one upper-case letter, one "
            "lower-case letter and one digit. It cannot contain 3 or more characters in a row "
            "from your username.</li></ul>"
        ),
        "question_fr": "Quelles sont les règles du nom d’utilisateur et du mot de passe de la "
        "CléGC?",
        "slug_fr": "regles-nom-utilisateur-mot-de-passe-clegc",
        "answer_fr": (
            "<ul><li>Nom d’utilisateur : de 8 à 16 caractères, des lettres et au plus 7 "
            "chiffres, sans caractères spéciaux.</li>"
            "<li>Mot de passe : de 8 à 16 caractères, avec au moins une majuscule, une "
            "minuscule et un chiffre. Il ne peut contenir 3 caractères consécutifs ou plus de "
            "votre nom d’utilisateur.</li></ul>"
        ),
    },
    {
        "category": C.GCKEY,
        "order": 30,
        "question_en": "My GCKey account is locked. What can I do?",
        "slug_en": "gckey-locked",
        "answer_en": (
            "<p>After several failed attempts, signing in is paused for a while to protect your "
            "account. Wait a few minutes, then try again carefully, or reset your password.</p>"
        ),
        "question_fr": "Ma CléGC est verrouillée. Que puis-je faire?",
        "slug_fr": "clegc-verrouillee",
        "answer_fr": (
            "<p>Après plusieurs tentatives infructueuses, l’ouverture de session est suspendue "
            "pendant un moment pour protéger votre compte. Attendez quelques minutes, puis "
            "réessayez avec soin, ou réinitialisez votre mot de passe.</p>"
        ),
    },
    {
        "category": C.GCKEY,
        "order": 40,
        "question_en": "Can I use my GCKey for other government services?",
        "slug_en": "gckey-other-services",
        "answer_en": (
            "<p>Yes. A GCKey is a Government of Canada credential; many federal services accept "
            "it. Each service keeps its own account, so signing in elsewhere does not give that "
            "service access to your IRCC account.</p>"
        ),
        "question_fr": "Puis-je utiliser ma CléGC pour d’autres services du gouvernement?",
        "slug_fr": "clegc-autres-services",
        "answer_fr": (
            "<p>Oui. La CléGC est un justificatif du gouvernement du Canada accepté par de "
            "nombreux services fédéraux. Chaque service garde son propre compte : ouvrir une "
            "session ailleurs ne donne pas à ce service accès à votre compte d’IRCC.</p>"
        ),
    },
    # --- Sign-In Partner --------------------------------------------------------------------
    {
        "category": C.PARTNER,
        "order": 10,
        "question_en": "What is a Sign-In Partner?",
        "slug_en": "what-is-sign-in-partner",
        "answer_en": (
            "<p>A Sign-In Partner is a Canadian financial institution that lets you sign in to "
            "government services with your online banking username and password. Your bank "
            "does not share your banking information with us, and we do not tell your bank "
            "which services you use.</p>"
        ),
        "question_fr": "Qu’est-ce qu’un partenaire de connexion?",
        "slug_fr": "partenaire-de-connexion",
        "answer_fr": (
            "<p>Un partenaire de connexion est une institution financière canadienne qui vous "
            "permet d’ouvrir une session dans les services du gouvernement avec le nom "
            "d’utilisateur et le mot de passe de vos services bancaires en ligne. Votre banque "
            "ne nous communique pas vos renseignements bancaires et nous ne lui disons pas "
            "quels services vous utilisez.</p>"
        ),
    },
    {
        "category": C.PARTNER,
        "order": 20,
        "question_en": "I changed banks. How do I reach my account?",
        "slug_en": "changed-banks",
        "answer_en": (
            "<p>Your account is tied to the bank you first signed in with. If you can no longer "
            "use that bank, contact us through the web form before you create a new account, "
            "so that we can help you keep access to your applications.</p>"
        ),
        "question_fr": "J’ai changé de banque. Comment accéder à mon compte?",
        "slug_fr": "changement-de-banque",
        "answer_fr": (
            "<p>Votre compte est lié à la banque avec laquelle vous avez ouvert une session la "
            "première fois. Si vous ne pouvez plus utiliser cette banque, écrivez-nous au moyen "
            "du formulaire Web avant de créer un nouveau compte, pour que nous puissions vous "
            "aider à garder l’accès à vos demandes.</p>"
        ),
    },
    {
        "category": C.PARTNER,
        "order": 30,
        "question_en": "My bank's page shows an error. What should I do?",
        "slug_en": "bank-page-error",
        "answer_en": (
            "<p>Cancel and return to the sign-in page, then try again. If the error comes back, "
            "your bank's service may be unavailable for a while: try again later or contact "
            "your bank.</p>"
        ),
        "question_fr": "La page de ma banque affiche une erreur. Que faire?",
        "slug_fr": "erreur-page-banque",
        "answer_fr": (
            "<p>Annulez et revenez à la page d’ouverture de session, puis réessayez. Si "
            "l’erreur revient, le service de votre banque est peut-être interrompu pour un "
            "moment : réessayez plus tard ou communiquez avec votre banque.</p>"
        ),
    },
    # --- Two-step verification --------------------------------------------------------------
    {
        "category": C.TWO_STEP,
        "order": 10,
        "question_en": "Why do I need two-step verification?",
        "slug_en": "why-two-step-verification",
        "answer_en": (
            "<p>A password alone can be guessed or stolen. With two-step verification, you also "
            "enter a code from an authenticator app each time you sign in with GCKey, so that "
            "nobody else can open your account even if they learn your password.</p>"
            "<p>It is not asked when you sign in with a Sign-In Partner: your bank already "
            "checks who you are.</p>"
        ),
        "question_fr": "Pourquoi dois-je utiliser la vérification en deux étapes?",
        "slug_fr": "pourquoi-verification-deux-etapes",
        "answer_fr": (
            "<p>Un mot de passe seul peut être deviné ou volé. Avec la vérification en deux "
            "étapes, vous saisissez aussi un code d’une application d’authentification chaque "
            "fois que vous ouvrez une session avec une CléGC : personne d’autre ne peut ouvrir "
            "votre compte, même en connaissant votre mot de passe.</p>"
            "<p>Elle n’est pas demandée avec un partenaire de connexion : votre banque vérifie "
            "déjà votre identité.</p>"
        ),
    },
    {
        "category": C.TWO_STEP,
        "order": 20,
        "question_en": "I lost the phone with my authenticator app. How do I sign in?",
        "slug_en": "lost-authenticator",
        "answer_en": (
            "<p>Use one of the recovery codes you saved when you set up two-step verification. "
            "Each code works once. Once signed in, set up the app on your new phone and make "
            "new recovery codes.</p>"
        ),
        "question_fr": "J’ai perdu le téléphone où se trouve mon application d’authentification. "
        "Comment ouvrir une session?",
        "slug_fr": "application-authentification-perdue",
        "answer_fr": (
            "<p>Utilisez un des codes de récupération que vous avez conservés lors de "
            "l’activation de la vérification en deux étapes. Chaque code ne sert qu’une fois. "
            "Une fois connecté, configurez l’application sur votre nouveau téléphone et créez "
            "de nouveaux codes de récupération.</p>"
        ),
    },
    {
        "category": C.TWO_STEP,
        "order": 30,
        "question_en": "My verification code is refused. Why?",
        "slug_en": "verification-code-refused",
        "answer_en": (
            "<p>Codes change every 30 seconds and depend on your phone's clock. Check that the "
            "date and time of your phone are set automatically, then enter the newest code.</p>"
        ),
        "question_fr": "Mon code de vérification est refusé. Pourquoi?",
        "slug_fr": "code-verification-refuse",
        "answer_fr": (
            "<p>Les codes changent toutes les 30 secondes et dépendent de l’horloge de votre "
            "téléphone. Vérifiez que la date et l’heure de votre téléphone sont réglées "
            "automatiquement, puis saisissez le code le plus récent.</p>"
        ),
    },
    # --- Applications and status ------------------------------------------------------------
    {
        "category": C.APPLICATIONS,
        "order": 10,
        "on_signin_page": True,
        "question_en": "My personal reference code doesn't work. What should I do?",
        "slug_en": "personal-reference-code",
        "answer_en": (
            "<p>A personal reference code links the answers you gave to the questionnaire that "
            "tells you which application to submit. Copy it exactly, without spaces. Codes "
            "expire after 60 days: if yours has expired, answer the questions again to get a "
            "new one.</p>"
        ),
        "question_fr": "Mon code de référence personnel ne fonctionne pas. Que dois-je faire?",
        "slug_fr": "code-reference-personnel",
        "answer_fr": (
            "<p>Le code de référence personnel relie les réponses que vous avez données au "
            "questionnaire qui vous indique quelle demande présenter. Recopiez-le exactement, "
            "sans espaces. Les codes expirent après 60 jours : si le vôtre est expiré, répondez "
            "de nouveau aux questions pour en obtenir un nouveau.</p>"
        ),
    },
    {
        "category": C.APPLICATIONS,
        "order": 20,
        "question_en": "How do I link a paper application to my account?",
        "slug_en": "link-paper-application",
        "answer_en": (
            "<p>Once signed in, choose to link an application and give its application number "
            "(one letter and nine digits) with your family name, or your family name, given "
            "name and date of birth.</p>"
            "<p>After five unsuccessful tries, linking is locked for 24 hours.</p>"
        ),
        "question_fr": "Comment lier une demande papier à mon compte?",
        "slug_fr": "lier-demande-papier",
        "answer_fr": (
            "<p>Une fois la session ouverte, choisissez de lier une demande et indiquez son "
            "numéro (une lettre et neuf chiffres) avec votre nom de famille, ou votre nom de "
            "famille, votre prénom et votre date de naissance.</p>"
            "<p>Après cinq essais infructueux, la liaison est bloquée pendant 24 heures.</p>"
        ),
    },
    {
        "category": C.APPLICATIONS,
        "order": 30,
        "question_en": "Why don't I see my biometrics or medical exam in my account?",
        "slug_en": "biometrics-medical-not-shown",
        "answer_en": (
            "<p>Your biometrics and medical exam results appear in your account only once we "
            "have processed them, which can take some time. You don't need to do anything in "
            "the meantime.</p>"
        ),
        "question_fr": "Pourquoi mes données biométriques ou mon examen médical n’apparaissent-ils "
        "pas dans mon compte?",
        "slug_fr": "biometrie-examen-medical-absents",
        "answer_fr": (
            "<p>Vos données biométriques et les résultats de votre examen médical apparaissent "
            "dans votre compte seulement une fois que nous les avons traités, ce qui peut "
            "prendre un certain temps. Vous n’avez rien à faire d’ici là.</p>"
        ),
    },
    {
        "category": C.APPLICATIONS,
        "order": 40,
        "question_en": "How will I know when something changes in my application?",
        "slug_en": "application-updates",
        "answer_en": (
            "<p>When we send you a message about your application, we also email you to say "
            "that a new message is waiting. For your privacy, the email never holds the message "
            "itself: sign in to read it.</p>"
        ),
        "question_fr": "Comment saurai-je qu’il y a du nouveau dans ma demande?",
        "slug_fr": "nouvelles-de-ma-demande",
        "answer_fr": (
            "<p>Quand nous vous envoyons un message au sujet de votre demande, nous vous "
            "envoyons aussi un courriel pour vous dire qu’un nouveau message vous attend. Pour "
            "protéger votre vie privée, le courriel ne contient jamais le message lui-même : "
            "ouvrez une session pour le lire.</p>"
        ),
    },
    # --- Technical problems -----------------------------------------------------------------
    {
        "category": C.TECHNICAL,
        "order": 10,
        "on_signin_page": True,
        "question_en": "What should I do if I have technical problems with my online application?",
        "slug_en": "technical-problems-online-application",
        "answer_en": (
            "<ol><li>Save your work, sign out and close your browser.</li>"
            "<li>Use an up-to-date browser and allow cookies for this site.</li>"
            "<li>Try again later: some problems clear up by themselves.</li></ol>"
            "<p>If the problem continues, send us the technical-difficulties web form with "
            "screenshots of the page and of the error messages.</p>"
        ),
        "question_fr": "Que dois-je faire si j’éprouve des problèmes techniques avec ma demande "
        "en ligne?",
        "slug_fr": "problemes-techniques-demande-en-ligne",
        "answer_fr": (
            "<ol><li>Enregistrez votre travail, fermez votre session et votre navigateur.</li>"
            "<li>Utilisez un navigateur à jour et acceptez les témoins (cookies) de ce "
            "site.</li>"
            "<li>Réessayez plus tard : certains problèmes se règlent d’eux-mêmes.</li></ol>"
            "<p>Si le problème persiste, envoyez-nous le formulaire Web des difficultés "
            "techniques avec des copies d’écran de la page et des messages d’erreur.</p>"
        ),
    },
    {
        "category": C.TECHNICAL,
        "order": 20,
        "question_en": "My document won't upload. What's wrong?",
        "slug_en": "document-upload",
        "answer_en": (
            "<p>Check the file's type and size: we accept PDF, JPEG and PNG files of at most "
            "4 MB. If you have several pages, combine them into one PDF file.</p>"
        ),
        "question_fr": "Mon document ne se téléverse pas. Qu’est-ce qui ne va pas?",
        "slug_fr": "televersement-document",
        "answer_fr": (
            "<p>Vérifiez le type et la taille du fichier : nous acceptons les fichiers PDF, JPEG "
            "et PNG d’au plus 4 Mo. Si vous avez plusieurs pages, réunissez-les dans un seul "
            "fichier PDF.</p>"
        ),
    },
    {
        "category": C.TECHNICAL,
        "order": 30,
        "question_en": "Does the site work without JavaScript or with a screen reader?",
        "slug_en": "accessibility",
        "answer_en": (
            "<p>Yes. Every page works without JavaScript, and we test the pages for the Web "
            "Content Accessibility Guidelines (WCAG 2.1, level AA). If something gets in your "
            "way, tell us with “Report a problem or mistake on this page”.</p>"
        ),
        "question_fr": "Le site fonctionne-t-il sans JavaScript ou avec un lecteur d’écran?",
        "slug_fr": "accessibilite",
        "answer_fr": (
            "<p>Oui. Chaque page fonctionne sans JavaScript, et nous vérifions les pages selon "
            "les Règles pour l’accessibilité des contenus Web (WCAG 2.1, niveau AA). Si quelque "
            "chose vous bloque, dites-le-nous avec « Signaler un problème ou une erreur sur "
            "cette page ».</p>"
        ),
    },
]


def load():
    """Create or refresh the help topics, all published; returns their count."""
    for data in TOPICS:
        defaults = {key: value for key, value in data.items() if key != "slug_en"}
        defaults.setdefault("on_signin_page", False)
        HelpTopic.objects.update_or_create(
            slug_en=data["slug_en"], defaults={**defaults, "is_published": True}
        )
    return len(TOPICS)
