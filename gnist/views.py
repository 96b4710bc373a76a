from django.conf import settings
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache

from gnist.celery import app as celery_app


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means "down"
        return f"error: {error.__class__.__name__}"
    return "ok"


def broker_state() -> str:
    if celery_app.conf.task_always_eager:
        return "eager"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:  # noqa: BLE001 - any failure means "down"
        return f"error: {error.__class__.__name__}"
    return "ok"


@never_cache
def healthz(request):
    """Database down → 503; a broker outage is reported but not fatal."""
    database = database_state()
    broker = broker_state()
    status = 200 if database == "ok" else 503
    return JsonResponse(
        {"status": "ok" if status == 200 else "error", "database": database, "broker": broker},
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
