import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()

from portal.checks import refuse_to_start_if_unsafe  # noqa: E402  (settings are loaded now)

refuse_to_start_if_unsafe()
