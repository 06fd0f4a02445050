"""Demonstration data of the portal app: the sign-in page's notices and the help topics.

`manage.py seed_demo` calls `load()` of every installed app that has a `demo` module.
"""

from portal.models import Notice

NOTICES = [
    {
        "slug": "account-features",
        "kind": Notice.Kind.FEATURED,
        "order": 10,
        "title_en": "",
        "title_fr": "",
        "body_en": (
            "In your account you can prepare and submit an application, pay its fees, read the "
            "messages we send about it, check its status and keep your account details up to date."
        ),
        "body_fr": (
            "Dans votre compte, vous pouvez préparer et envoyer une demande, payer les frais qui "
            "s'y rattachent, lire les messages que nous vous envoyons à son sujet, vérifier où "
            "elle en est et tenir à jour les renseignements de votre compte."
        ),
    },
    {
        "slug": "biometrics-medical-results",
        "kind": Notice.Kind.FEATURED,
        "order": 20,
        "title_en": "Biometrics and medical exams",
        "title_fr": "Données biométriques et examens médicaux",
        "body_en": (
            "Depending on your type of application, you may not have heard from us yet, or you may "
            "have seen its status change.\n\n"
            "If you gave your biometrics or had a medical exam, this information will not appear "
            "in your account until we have processed it. We currently have a backlog of medical "
            "exams to process; you will see yours in your account once we have processed it."
        ),
        "body_fr": (
            "Selon le type de votre demande, il se peut que vous n'ayez pas encore eu de nouvelles "
            "de notre part ou que vous ayez vu son état changer.\n\n"
            "Si vous avez fourni vos données biométriques ou passé un examen médical, ces "
            "renseignements n'apparaîtront dans votre compte qu'une fois traités. Nous avons "
            "actuellement un arriéré d'examens médicaux à traiter; vous verrez le vôtre dans votre "
            "compte dès que nous l'aurons traité."
        ),
    },
]


def load():
    """Create or refresh the notices and help topics; returns a line for the command's summary."""
    for data in NOTICES:
        defaults = {key: value for key, value in data.items() if key != "slug"}
        Notice.objects.update_or_create(slug=data["slug"], defaults=defaults)
    return f"{len(NOTICES)} notices"
