"""Benchmark the challenge pages, exports, autosave and the receipt PDF.

Builds a throw-away SQLite database with the demo round plus one generated
challenge for every other municipality (about 350 in all), then prints one JSON
object: median server time (ms) over repeated requests, SQL queries per request
and peak Python memory (tracemalloc) per page; the median time of one autosave
and the time of one PDF render.

    python bench/applications.py [--repeat 10]
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="gnist-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{TMP}/media"
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
os.environ["LOG_LEVEL"] = "WARNING"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gnist.settings")
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import CountyMembership, MunicipalityMembership, User  # noqa: E402
from applications.exports import application_pdf  # noqa: E402
from applications.models import (  # noqa: E402
    Application,
    Commitment,
    RoadmapPrinciple,
    SustainableDevelopmentGoal,
)
from municipalities.models import Municipality  # noqa: E402
from phases.models import Round  # noqa: E402


def measure(client, url, repeat, method="get", data=None):
    call = client.post if method == "post" else client.get
    call(url, data or {})
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = call(url, data or {})
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    reset_queries()  # the log is capped at 9,000 entries: a full log counts nothing
    with CaptureQueriesContext(connection) as queries:
        call(url, data or {})
    tracemalloc.start()
    call(url, data or {})
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "median_ms": round(statistics.median(times), 2),
        "queries": len(queries),
        "peak_memory_kib": round(peak / 1024, 1),
    }


def generate(round):
    principles = list(RoadmapPrinciple.objects.all())
    goals = list(SustainableDevelopmentGoal.objects.all())
    taken = set(Application.objects.filter(round=round).values_list("municipality", flat=True))
    for index, municipality in enumerate(Municipality.objects.active().exclude(pk__in=taken)):
        application = Application.objects.create(
            round=round,
            municipality=municipality,
            title=f"Stedsutvikling i {municipality.name}",
            summary="Et levende sentrum med møteplasser for alle generasjoner. " * 3,
            challenge="Sentrum mister handel og liv; unge voksne flytter. " * 20,
            goals="Flere innbyggere, flere arbeidsplasser og mindre bilkjøring. " * 5,
            commitments=[choice.value for choice in Commitment],
            status="submitted" if index % 4 else "draft",
            submitted_at=round.phases.first().ends_at if index % 4 else None,
        )
        application.roadmap_principles.set(principles[index % 8 : index % 8 + 3])
        application.sdgs.set(goals[index % 17 : index % 17 + 2])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    demo_round = Round.objects.get(slug="2020-2021")
    Round.objects.filter(pk=demo_round.pk).update(is_current=True)  # the bench measures it
    generate(demo_round)
    total = Application.objects.count()

    staff = User.objects.get(email="staff@gnist.test")
    if not staff.authenticator_set.exists():
        TOTP.activate(staff, generate_totp_secret())
    county_user = CountyMembership.objects.filter(county__number="34").first().user
    member = MunicipalityMembership.objects.get(user__email="ingrid.tynset@gnist.test").user

    staff_client, county_client, member_client = Client(), Client(), Client()
    staff_client.force_login(staff)
    county_client.force_login(county_user)
    member_client.force_login(member)

    results = {
        "machine": "2-core machine",
        "challenges": total,
        "staff_list": measure(staff_client, reverse("applications:staff_list"), args.repeat),
        "staff_search": measure(
            staff_client, reverse("applications:staff_list") + "?q=sentrum+unge", args.repeat
        ),
        "staff_export_csv": measure(
            staff_client, reverse("applications:staff_export_csv"), args.repeat
        ),
        "staff_export_xlsx": measure(
            staff_client, reverse("applications:staff_export_xlsx"), args.repeat
        ),
        "county_dashboard": measure(
            county_client, reverse("applications:county_dashboard"), args.repeat
        ),
        "own_challenges": measure(member_client, reverse("applications:mine"), args.repeat),
    }

    draft = Application.objects.filter(status="draft").first()
    draft_member = User.objects.create_user(email="bench@example.no", password="x")
    MunicipalityMembership.objects.create(user=draft_member, municipality=draft.municipality)
    Round.objects.filter(pk=demo_round.pk).update(is_current=True)
    demo_round.deadlines.filter(key="challenge_submission").update(
        at=timezone.now() + timedelta(days=30)
    )
    draft_client = Client()
    draft_client.force_login(draft_member)
    times = []
    url = reverse("applications:autosave", args=[draft.pk])
    for number in range(args.repeat):
        draft.refresh_from_db()
        start = time.perf_counter()
        response = draft_client.post(
            url, {"base_version": draft.version, "title": f"Utkast {number}", "goals": "Mål"}
        )
        times.append((time.perf_counter() - start) * 1000)
        assert response["HX-Trigger"] == "autosave-saved"
    results["autosave_median_ms"] = round(statistics.median(times), 2)

    submitted = Application.objects.filter(status="submitted").first()
    start = time.perf_counter()
    application_pdf(submitted, submitted.snapshot(), language="nb")
    results["pdf_render_ms"] = round((time.perf_counter() - start) * 1000, 2)

    print(json.dumps(results))


if __name__ == "__main__":
    main()
