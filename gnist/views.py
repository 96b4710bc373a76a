import threading

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache

from gnist.celery import app as celery_app


def _query_database(result: dict) -> None:
    connection = connections.create_connection("default")
    try:
        with connection.cursor() as cursor:
            # A table, not just SELECT 1: a locked or stalled database must show here.
            cursor.execute("SELECT 1 FROM django_migrations LIMIT 1")
            cursor.fetchone()
        result["state"] = "ok"
    except Exception as error:  # noqa: BLE001 - any failure means "down"
        result["state"] = f"error: {error.__class__.__name__}"
    finally:
        connection.close()


def database_state(timeout: float | None = None) -> str:
    """ "ok", or why not, within ``HEALTHZ_TIMEOUT`` seconds however the database behaves.

    The query runs on a connection of its own in a daemon thread: a server that
    accepts connections and never answers leaves that thread waiting (until its
    connect or statement timeout), not the request.
    """
    result: dict = {}
    worker = threading.Thread(target=_query_database, args=(result,), daemon=True)
    worker.start()
    worker.join(settings.HEALTHZ_TIMEOUT if timeout is None else timeout)
    return result.get("state", "error: timeout")


def broker_state() -> str:
    if celery_app.conf.task_always_eager:
        return "eager"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:  # noqa: BLE001 - any failure means "down"
        return f"error: {error.__class__.__name__}"
    return "ok"


def cache_state() -> str:
    """The cache answers a write and a read; a fail-open cache that is down says so."""
    if getattr(cache, "is_down", False):
        return "error: unavailable"
    try:
        cache.set("healthz", "ok", 10)
        if cache.get("healthz") != "ok":
            return "error: unavailable"
    except Exception as error:  # noqa: BLE001 - any failure means "down"
        return f"error: {error.__class__.__name__}"
    return "ok"


@never_cache
def healthz(request):
    """Database down or silent → 503; a broker or cache outage is reported as degraded.

    The portal works without Redis (tasks wait in the database, the cache fails
    open), so only the database decides whether this instance can serve.
    """
    database = database_state()
    broker = broker_state()
    cache_ = cache_state()
    if database != "ok":
        status, label = 503, "error"
    elif broker in ("ok", "eager") and cache_ == "ok":
        status, label = 200, "ok"
    else:
        status, label = 200, "degraded"
    return JsonResponse(
        {"status": label, "database": database, "broker": broker, "cache": cache_},
        status=status,
    )


@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links; send them to the static file."""
    return redirect(static("img/favicon.ico"), permanent=True)


def server_error(request):
    """The 500 page in the portal's layout, rendered without the request.

    Context processors may be what failed (the database, the session), so the
    page gets only what it needs and no request.
    """
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"contact_email": settings.CONTACT_EMAIL}))
