"""Benchmark the workshop pages and the registration workflow.

Builds a throw-away SQLite database with the demo round plus generated workshops
and registrations, then prints one JSON object: median server time (ms) over
repeated requests, SQL query count per request and peak Python memory
(tracemalloc) per page, and the median time of one registration (row lock,
capacity check, insert, confirmation e-mail with .ics).

    python bench/workshops.py [--repeat 20] [--workshops 20] [--registrations 3000]
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

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402


def measure(client, url, repeat):
    client.get(url)  # warm up caches and templates
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries)
    tracemalloc.start()
    client.get(url)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "median_ms": round(statistics.median(times), 2),
        "queries": query_count,
        "peak_memory_kib": round(peak / 1024, 1),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--workshops", type=int, default=20)
    parser.add_argument("--registrations", type=int, default=3000)
    args = parser.parse_args()

    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from accounts.models import User
    from municipalities.models import Municipality
    from phases.models import Round
    from workshops.models import Registration, Workshop
    from workshops.services import register_attendee

    call_command("migrate", verbosity=0)
    call_command("seed_demo", force=True, stdout=open(os.devnull, "w"))
    demo_round = Round.objects.get(slug="2020-2021")
    Round.objects.filter(pk=demo_round.pk).update(is_current=True)  # the bench measures it
    phase = demo_round.phases.get(number=1)
    municipalities = list(Municipality.objects.all())
    start = timezone.now() + timedelta(days=30)
    workshops = Workshop.objects.bulk_create(
        Workshop(
            round=demo_round,
            phase=phase,
            title_nb=f"Workshop {n}",
            starts_at=start + timedelta(days=n),
            ends_at=start + timedelta(days=n, hours=3),
            registration_deadline=start + timedelta(days=n),
        )
        for n in range(args.workshops)
    )
    Registration.objects.bulk_create(
        Registration(
            workshop=workshops[n % len(workshops)],
            municipality=municipalities[n % len(municipalities)],
            full_name=f"Deltaker {n}",
            email=f"deltaker{n}@example.no",
            department="planning",
        )
        for n in range(args.registrations)
    )
    staff = User.objects.get(email="staff@gnist.test")
    TOTP.activate(staff, generate_totp_secret())
    leader = User.objects.get(email="ingrid.tynset@gnist.test")
    anonymous = Client(HTTP_HOST="localhost")
    staff_client = Client(HTTP_HOST="localhost")
    staff_client.force_login(staff)
    leader_client = Client(HTTP_HOST="localhost")
    leader_client.force_login(leader)
    busy = workshops[0]

    times = []
    tynset = Municipality.objects.get(number="3427")
    for n in range(100):
        begin = time.perf_counter()
        register_attendee(
            busy,
            registered_by=leader,
            municipality=tynset,
            full_name=f"Kollega {n}",
            email=f"kollega{n}@tynset.kommune.no",
            department="planning",
            language="nb",
        )
        times.append((time.perf_counter() - begin) * 1000)

    result = {
        "machine": f"{os.cpu_count()} cores, SQLite",
        "data": {
            "workshops": Workshop.objects.count(),
            "registrations": Registration.objects.count(),
        },
        "register_attendee_median_ms": round(statistics.median(times), 2),
        "workshop_list": measure(anonymous, "/workshops/", args.repeat),
        "materials": measure(anonymous, "/workshops/materials/", args.repeat),
        "ical_public": measure(anonymous, "/workshops/calendar/2020-2021.ics", args.repeat),
        "registration_page": measure(
            leader_client, f"/workshops/{busy.pk}/municipalities/3427/", args.repeat
        ),
        "staff_list": measure(staff_client, "/staff/workshops/", args.repeat),
        "staff_registrations": measure(staff_client, f"/staff/workshops/{busy.pk}/", args.repeat),
        "staff_coverage": measure(staff_client, "/staff/workshops/coverage/", args.repeat),
        "staff_coverage_csv": measure(staff_client, "/staff/workshops/coverage.csv", args.repeat),
        "obligations": measure(staff_client, "/workshops/obligations/", args.repeat),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
