"""Health checks for the load balancer and the orchestrator. No detail an attacker could use."""

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

_migrations_checked = False


def _database_ready():
    global _migrations_checked
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not _migrations_checked:
            # Once per process: migrations do not un-apply themselves.
            executor = MigrationExecutor(connection)
            if executor.migration_plan(executor.loader.graph.leaf_nodes()):
                return False
            _migrations_checked = True
        return True
    except DatabaseError:
        return False


def _cache_ready():
    # The shared cache falls back to the database while Redis is down (portal/cache.py), so a
    # round trip through it proves nothing: ask Redis itself. Without REDIS_URL (development)
    # the cache is in the process and always there.
    ping = getattr(cache, "ping", None)
    return ping() if ping is not None else True


@never_cache
@require_safe
def readyz(request):
    """Ready: PostgreSQL answers with every migration applied, and Redis answers.

    Without the database this server cannot serve: 503, the load balancer sends no traffic.
    Without Redis it still serves every page from the database's cache table: 200 "degraded",
    so that losing Redis does not take every app server out of the pool, and monitoring alerts.
    """
    if not _database_ready():
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok" if _cache_ready() else "degraded"})
