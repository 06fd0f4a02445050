"""The portal's public pages, by URL name: every test that walks "every page" reads this."""

PUBLIC_PAGES = [
    ("signin", "IRCC secure account: Sign in", "Ouvrir une session à votre compte sécurisé d'IRCC"),
    (
        "support_request",
        "Technical difficulties: web form",
        "Difficultés techniques : formulaire Web",
    ),
    ("support_request_sent", "Your request was sent", "Votre demande a été envoyée"),
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
