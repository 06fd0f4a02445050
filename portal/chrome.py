"""The Canada.ca page chrome: the links every page carries, in both languages.

Labels are translated strings; each link has its own address per language, since Canada.ca's
pages have translated URLs too.
"""

from django.utils.translation import gettext_lazy as _

CANADA_CA = "https://www.canada.ca"


def _ca(en, fr):
    return {"en": f"{CANADA_CA}{en}", "fr": f"{CANADA_CA}{fr}"}


HOME = _ca("/en.html", "/fr.html")

# The trail above every page of the portal; the page itself is appended by the template.
BREADCRUMB = [
    (_("Canada.ca"), HOME),
    (
        _("Immigration and citizenship"),
        _ca(
            "/en/services/immigration-citizenship.html", "/fr/services/immigration-citoyennete.html"
        ),
    ),
    (
        _("My application"),
        _ca(
            "/en/immigration-refugees-citizenship/services/application.html",
            "/fr/immigration-refugies-citoyennete/services/demande.html",
        ),
    ),
]

THEMES = [
    (_("Jobs and the workplace"), _ca("/en/services/jobs.html", "/fr/services/emplois.html")),
    (
        _("Immigration and citizenship"),
        _ca(
            "/en/services/immigration-citizenship.html", "/fr/services/immigration-citoyennete.html"
        ),
    ),
    (_("Travel and tourism"), _ca("/en/services/travel.html", "/fr/services/voyage.html")),
    (
        _("Business and industry"),
        _ca("/en/services/business.html", "/fr/services/entreprises.html"),
    ),
    (_("Benefits"), _ca("/en/services/benefits.html", "/fr/services/prestations.html")),
    (_("Health"), _ca("/en/services/health.html", "/fr/services/sante.html")),
    (_("Taxes"), _ca("/en/services/taxes.html", "/fr/services/impots.html")),
    (
        _("Environment and natural resources"),
        _ca("/en/services/environment.html", "/fr/services/environnement.html"),
    ),
    (
        _("National security and defence"),
        _ca("/en/services/defence.html", "/fr/services/defense.html"),
    ),
    (
        _("Culture, history and sport"),
        _ca("/en/services/culture.html", "/fr/services/culture.html"),
    ),
    (
        _("Policing, justice and emergencies"),
        _ca("/en/services/policing.html", "/fr/services/police.html"),
    ),
    (
        _("Transport and infrastructure"),
        _ca("/en/services/transport.html", "/fr/services/transport.html"),
    ),
    (
        _("Canada and the world"),
        {
            "en": "https://www.international.gc.ca/world-monde/index.aspx?lang=eng",
            "fr": "https://www.international.gc.ca/world-monde/index.aspx?lang=fra",
        },
    ),
    (_("Money and finances"), _ca("/en/services/finance.html", "/fr/services/finance.html")),
    (_("Science and innovation"), _ca("/en/services/science.html", "/fr/services/science.html")),
]

ABOUT_GOVERNMENT = [
    (_("Contact us"), _ca("/en/contact.html", "/fr/contact.html")),
    (_("Departments and agencies"), _ca("/en/government/dept.html", "/fr/gouvernement/min.html")),
    (
        _("Public service and military"),
        _ca("/en/government/publicservice.html", "/fr/gouvernement/fonctionpublique.html"),
    ),
    (_("News"), _ca("/en/news.html", "/fr/nouvelles.html")),
    (
        _("Treaties, laws and regulations"),
        _ca("/en/government/system/laws.html", "/fr/gouvernement/systeme/lois.html"),
    ),
    (
        _("Government-wide reporting"),
        _ca("/en/transparency/reporting.html", "/fr/transparence/rapports.html"),
    ),
    (_("Prime Minister"), {"en": "https://www.pm.gc.ca/en", "fr": "https://www.pm.gc.ca/fr"}),
    (_("About government"), _ca("/en/government/system.html", "/fr/gouvernement/systeme.html")),
    (
        _("Open government"),
        {"en": "https://open.canada.ca/en", "fr": "https://ouvert.canada.ca/fr"},
    ),
]

ABOUT_SITE = [
    (_("Social media"), _ca("/en/social.html", "/fr/sociaux.html")),
    (_("Mobile applications"), _ca("/en/mobile.html", "/fr/mobile.html")),
    (
        _("About Canada.ca"),
        _ca("/en/government/about-canada-ca.html", "/fr/gouvernement/a-propos-canada-ca.html"),
    ),
    (_("Terms and conditions"), _ca("/en/transparency/terms.html", "/fr/transparence/avis.html")),
    (_("Privacy"), _ca("/en/transparency/privacy.html", "/fr/transparence/confidentialite.html")),
]


def links_for(links, language):
    """The (label, url) pairs of one of the lists above, in ``language``."""
    return [(label, urls.get(language, urls["en"])) for label, urls in links]
