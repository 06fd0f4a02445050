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
    try:
        cache.set("portal:readyz", "1", timeout=10)
        return cache.get("portal:readyz") == "1"
    except Exception:  # any failure of the cache means "not ready", whatever its kind
        return False


@never_cache
@require_safe
def readyz(request):
    """Ready: PostgreSQL answers with every migration applied, and the shared cache answers."""
    database, shared_cache = _database_ready(), _cache_ready()
    if database and shared_cache:
        return JsonResponse({"status": "ok"})
    status = "unavailable" if not database else "degraded"
    return JsonResponse({"status": status}, status=503)
