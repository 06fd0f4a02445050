"""The portal's public pages, by URL name: every test that walks "every page" reads this."""

PUBLIC_PAGES = [
    ("signin", "IRCC secure account: Sign in", "Ouvrir une session à votre compte sécurisé d'IRCC"),
    ("account_login", "Sign in with GCKey", "Ouvrir une session avec une CléGC"),
    ("account_signup", "Register for a GCKey", "S’inscrire pour obtenir une CléGC"),
    ("account_reset_password", "Forgot your GCKey password?", "Mot de passe de la CléGC oublié?"),
    ("account_reset_password_done", "Check your email", "Vérifiez vos courriels"),
    ("forgot_username", "Forgot your GCKey username?", "Nom d’utilisateur de la CléGC oublié?"),
    ("forgot_username_sent", "Check your email", "Vérifiez vos courriels"),
    (
        "partner_login",
        "Sign in with a Sign-In Partner",
        "Ouvrir une session avec un partenaire de connexion",
    ),
    (
        "socialaccount_login_cancelled",
        "Sign-in with a Sign-In Partner cancelled",
        "Connexion avec un partenaire de connexion annulée",
    ),
    (
        "support_request",
        "Technical difficulties: web form",
        "Difficultés techniques : formulaire Web",
    ),
    ("support_request_sent", "Your request was sent", "Votre demande a été envoyée"),
    (
        "help_index",
        "Questions about signing in and applying online",
        "Questions sur l’ouverture de session et la présentation de demande en ligne",
    ),
    (
        "help_how_to_sign_in",
        "How to sign in or apply online",
        "Comment ouvrir une session ou faire une demande en ligne",
    ),
    ("search", "Search results", "Résultats de la recherche"),
]

# Pages of the secure account (signed in, two-step set up, profile complete).
ACCOUNT_PAGES = [
    ("account_home", "My account", "Mon compte"),
    ("profile", "Your profile", "Votre profil"),
    ("security_settings", "Security settings", "Paramètres de sécurité"),
    ("security_activity", "Security activity", "Activité de sécurité"),
    ("mfa_index", "Two-step verification", "Vérification en deux étapes"),
    ("usersessions_list", "Your sessions", "Vos sessions"),
    ("application_link", "Link an application to your account", "Lier une demande à votre compte"),
]

ERROR_PAGES = {
    400: ("Bad request", "Requête incorrecte"),
    403: ("Access denied", "Accès refusé"),
    404: ("We couldn't find that Web page", "Nous ne pouvons trouver cette page Web"),
    500: (
        "We're having a problem with that page",
        "Nous éprouvons des difficultés avec cette page",
    ),
}


# Every form of the portal, by URL name: (name, signed in?, field names). The fuzz test posts
# generated bodies to each.
FORMS = [
    ("account_login", False, ["login", "password"]),
    ("account_signup", False, ["accept_terms", "username", "password1", "password2", "email"]),
    ("account_reset_password", False, ["email"]),
    ("forgot_username", False, ["email"]),
    (
        "profile",
        True,
        ["given_names", "family_name", "date_of_birth", "email", "preferred_language"],
    ),
    (
        "application_link",
        True,
        ["method", "application_number", "uci", "family_name", "date_of_birth"],
    ),
    ("account_change_password", True, ["oldpassword", "password1", "password2"]),
    ("apply_start", True, ["code"]),
    ("mfa_authenticate", False, ["code"]),
    ("session_keepalive", True, []),
    ("report_problem", False, ["categories", "path", "title", "website"]),
    (
        "support_request",
        False,
        ["kind", "where", "description", "email", "attachment", "consent", "website"],
    ),
]
