"""The portal's public pages, by URL name: every test that walks "every page" reads this."""

PUBLIC_PAGES = [
    ("signin", "IRCC secure account: Sign in", "Ouvrir une session à votre compte sécurisé d'IRCC"),
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

ERROR_PAGES = {
    400: ("Bad request", "Requête incorrecte"),
    403: ("Access denied", "Accès refusé"),
    404: ("We couldn't find that Web page", "Nous ne pouvons trouver cette page Web"),
    500: (
        "We're having a problem with that page",
        "Nous éprouvons des difficultés avec cette page",
    ),
}
