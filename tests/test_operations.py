"""Health check, deployment settings and the demo seed."""

import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from gnist.celery import app as celery_app
from tests.factories import UserFactory

ROOT = Path(settings.BASE_DIR)


def redis_url_or_skip() -> str:
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    host, port = url.split("//")[1].split("/")[0].split(":")
    try:
        socket.create_connection((host, int(port)), timeout=1).close()
    except OSError:
        pytest.skip(f"no Redis answers at {host}:{port}")
    return url


@pytest.fixture
def broker():
    """Point Celery at a real broker (not eager) for the duration of a test."""
    previous = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)

    def use(url):
        celery_app.conf.task_always_eager = False
        celery_app.conf.broker_url = url

    yield use
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = previous


@pytest.mark.django_db
def test_healthz_in_eager_mode(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "eager", "cache": "ok"}


@pytest.mark.django_db
def test_healthz_with_the_broker_up(client, broker):
    broker(redis_url_or_skip())

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_healthz_reports_a_broker_outage_without_failing(client, broker):
    broker("redis://127.0.0.1:1/0")

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["database"] == "ok"
    assert response.json()["broker"].startswith("error: ")


@pytest.mark.django_db
def test_healthz_reports_a_cache_outage_as_degraded_but_answers_200(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "gnist.cache.FailOpenRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
    }

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["cache"].startswith("error")


@pytest.mark.django_db
def test_sign_in_works_while_the_cache_is_down(client, settings):
    """allauth keeps its sign-in rate limit counters in the cache; Redis down must not 500."""
    UserFactory(email="kari@tynset.kommune.no", password="riktig-passord-1")
    settings.CACHES = {
        "default": {
            "BACKEND": "gnist.cache.FailOpenRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
    }

    wrong = client.post(
        reverse("account_login"), {"login": "kari@tynset.kommune.no", "password": "feil"}
    )
    right = client.post(
        reverse("account_login"),
        {"login": "kari@tynset.kommune.no", "password": "riktig-passord-1"},
    )

    assert wrong.status_code == 200
    assert right.status_code == 302
    assert client.session.get("_auth_user_id")


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clean_environment() -> dict[str, str]:
    # The browser tests switch Django's async-safety check off in this process only.
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_django(code: str, **env) -> subprocess.CompletedProcess:
    environment = {**clean_environment(), "DJANGO_SETTINGS_MODULE": "gnist.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_healthz_is_503_when_the_database_is_down():
    result = run_django(
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz', HTTP_HOST='localhost'); "
        "print(r.status_code, r.json()['database'][:6])",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/none",
        REDIS_URL="",
    )

    assert result.stdout.strip() == "503 error:"


def test_healthz_is_503_within_seconds_when_the_database_accepts_but_never_answers():
    """A server that takes the TCP connection and then says nothing (a hung PostgreSQL)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    port = listener.getsockname()[1]
    try:
        started = time.monotonic()
        result = run_django(
            "import django; django.setup(); from django.test import Client; "
            "r = Client().get('/healthz', HTTP_HOST='localhost'); "
            "print(r.status_code, r.json()['database'])",
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/none",
            REDIS_URL="",
            HEALTHZ_TIMEOUT="2",
        )
        took = time.monotonic() - started
    finally:
        listener.close()

    assert result.stdout.strip() == "503 error: timeout", result.stderr[-2000:]
    assert took < 15


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7#k2!pq9@vL5mZ8wR3tY6uB1nC4eF0gH2jK5lM8oP1sQ4vX7zA",
    "ALLOWED_HOSTS": "gnist.doga.no",
    "CSRF_TRUSTED_ORIGINS": "https://gnist.doga.no",
    "DATABASE_URL": "sqlite:///:memory:",
}


def test_deploy_check_is_clean_with_production_variables():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env={**clean_environment(), **PRODUCTION},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django("import django; django.setup()", DEBUG="0", SECRET_KEY="")

    assert result.returncode == 1
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_malformed_boolean_setting_fails_loudly():
    result = run_django("import django; django.setup()", DEBUG="maybe")

    assert "DEBUG must be a boolean" in result.stderr


# The background queue's own log: each seed queues its PDF renders anew.
NOT_DEMO_DATA = {"notifications.TaskRequest"}


def local_model_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if Path(apps.get_app_config(model._meta.app_label).path).parent == ROOT
        and model._meta.label not in NOT_DEMO_DATA
    }


def demo_content() -> list:
    """What the demo holds, without primary keys: two seeds must give the same."""
    from applications.models import Application
    from jury.models import Score
    from phases.models import Deadline, Phase
    from workshops.models import Registration

    return [
        sorted(Phase.objects.values_list("round__slug", "number", "starts_at", "ends_at")),
        sorted(Deadline.objects.values_list("round__slug", "key", "at")),
        sorted(
            Application.objects.values_list(
                "round__slug",
                "municipality__number",
                "status",
                "title",
                "created_at",
                "updated_at",
                "submitted_at",
            )
        ),
        sorted(
            Score.objects.values_list(
                "review__application__municipality__number",
                "review__seat__user__email",
                "review__status",
                "review__updated_at",
                "review__submitted_at",
                "criterion__key",
                "value",
            ),
            key=str,
        ),
        sorted(
            Registration.objects.values_list(
                "workshop__title_nb", "workshop__starts_at", "email", "attended", "created_at"
            )
        ),
    ]


@pytest.mark.django_db
def test_seed_demo_twice_gives_the_same_data(capsys):
    call_command("seed_demo", force=True)
    first = local_model_counts(), demo_content()

    call_command("seed_demo", force=True)

    assert (local_model_counts(), demo_content()) == first
    counts = first[0]
    assert counts["phases.Round"] == 2
    assert counts["phases.Phase"] == 10
    assert counts["jury.JurySeat"] == 7 + 5
    assert "staff@gnist.test" in capsys.readouterr().out


@pytest.mark.django_db
def test_seed_demo_with_a_phase_twice_gives_the_same_data():
    call_command("seed_demo", force=True, phase=3, stdout=io.StringIO())
    first = local_model_counts(), demo_content()

    call_command("seed_demo", force=True, phase=3, stdout=io.StringIO())

    assert (local_model_counts(), demo_content()) == first


@pytest.mark.django_db
def test_seed_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_proxy_trust_for_sign_in_limits_comes_from_the_environment():
    result = run_django(
        "import django; django.setup(); from allauth import app_settings as a; "
        "print(a.TRUSTED_PROXY_COUNT, a.TRUSTED_CLIENT_IP_HEADER)",
        TRUSTED_PROXY_COUNT="1",
        TRUSTED_CLIENT_IP_HEADER="X-Real-IP",
    )

    assert result.stdout.strip() == "1 X-Real-IP"


def test_deploy_check_is_clean_behind_a_trusted_proxy():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env={**clean_environment(), **PRODUCTION, "TRUSTED_PROXY_COUNT": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
