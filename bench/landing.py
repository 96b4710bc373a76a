"""Benchmark the foundation's pages: landing, round list, member list, staff invitations.

Builds a throw-away SQLite database with the demo round plus generated data, then
prints one JSON object: median server time (ms) over repeated requests, SQL query
count per request and peak Python memory (tracemalloc) per page.

    python bench/landing.py [--repeat 30] [--invitations 500] [--members 50]
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="gnist-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gnist.settings")
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


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
    query_count = len(queries)  # read now: the next request clears Django's query log
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
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--invitations", type=int, default=500)
    parser.add_argument("--members", type=int, default=50)
    args = parser.parse_args()

    from accounts.models import Invitation, MunicipalityMembership, User
    from municipalities.models import Municipality

    call_command("migrate", verbosity=0)
    call_command("seed_demo", force=True, stdout=open(os.devnull, "w"))
    staff = User.objects.get(email="staff@gnist.test")
    tynset = Municipality.objects.get(number="3427")
    municipalities = list(Municipality.objects.all())
    Invitation.objects.bulk_create(
        Invitation(
            email=f"person{n}@example.no",
            municipality=municipalities[n % 357],
            department="planning",
            invited_by=staff,
        )
        for n in range(args.invitations)
    )
    users = User.objects.bulk_create(
        User(email=f"ansatt{n}@tynset.kommune.no", full_name=f"Ansatt {n}")
        for n in range(args.members)
    )
    MunicipalityMembership.objects.bulk_create(
        MunicipalityMembership(user=user, municipality=tynset, department="other") for user in users
    )

    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(staff, generate_totp_secret())
    anonymous = Client(HTTP_HOST="localhost")
    signed_in = Client(HTTP_HOST="localhost")
    signed_in.force_login(staff)
    leader = Client(HTTP_HOST="localhost")
    leader.force_login(User.objects.get(email="ingrid.tynset@gnist.test"))

    result = {
        "machine": f"{os.cpu_count()} cores, SQLite",
        "data": {"invitations": args.invitations, "members_in_tynset": args.members + 2},
        "landing": measure(anonymous, "/", args.repeat),
        "landing_en": measure(anonymous, "/en/", args.repeat),
        "round_list": measure(anonymous, "/rounds/", args.repeat),
        "member_list": measure(leader, "/municipalities/3427/members/", args.repeat),
        "staff_invitations": measure(signed_in, "/staff/invitations/", args.repeat),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
