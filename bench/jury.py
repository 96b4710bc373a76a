"""Benchmark the jury's pages on generated data.

Builds a fresh SQLite database in a temporary folder with N challenges (one
per municipality, default 356; ``--scale 10`` for 3,560), seven jurors and nine
criteria with every score filled in, then requests the ranking, a juror's list,
one scoring page, the calibration page and the CSV export several times.
Prints one JSON object: per page the median server time in ms, the number of
SQL queries, and the peak resident memory of the process.

    python bench/jury.py            # N = 356
    python bench/jury.py --scale 10 # N = 3,560
"""

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gnist.settings")
TMP = tempfile.mkdtemp(prefix="gnist-bench-jury-")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Organisation, User  # noqa: E402
from applications.models import Application  # noqa: E402
from jury.models import Criterion, JurySeat, JurySettings, Review, Score  # noqa: E402
from municipalities.models import Municipality  # noqa: E402
from phases.models import Deadline, Phase, Round  # noqa: E402
from phases.services import add_app_defaults  # noqa: E402


def build(n: int):
    now = timezone.now()
    round = Round.objects.create(name="Bench", slug="bench", is_current=True)
    add_app_defaults(round)
    Phase.objects.create(
        round=round,
        number=2,
        name_nb="Utforskning",
        name_en="Exploration",
        starts_at=now - timedelta(days=30),
        ends_at=now + timedelta(days=30),
        jury_scoring_open=True,
    )
    Deadline.objects.create(
        round=round,
        key=Deadline.Key.CHALLENGE_SUBMISSION,
        name_nb="Frist",
        name_en="Deadline",
        at=now - timedelta(days=1),
    )
    Deadline.objects.create(
        round=round,
        key=Deadline.Key.JURY_MEETING,
        name_nb="Jurymøte",
        name_en="Jury meeting",
        at=now + timedelta(days=10),
    )
    JurySettings.objects.create(round=round, jurors_see_results=True)
    staff = User.objects.create_user(email="staff@bench.test", is_staff=True, full_name="Stab")
    TOTP.activate(staff, generate_totp_secret())
    seats = []
    for order in range(1, 8):
        organisation = Organisation.objects.create(
            name=f"Partner {order}", kind=Organisation.Kind.PARTNER
        )
        user = User.objects.create_user(email=f"jury{order}@bench.test", full_name=f"Juror {order}")
        TOTP.activate(user, generate_totp_secret())
        seats.append(
            JurySeat.objects.create(
                round=round,
                organisation=organisation,
                user=user,
                order=order,
                conflicts_declared_at=now,
            )
        )
    municipalities = list(Municipality.objects.order_by("number"))
    applications = Application.objects.bulk_create(
        Application(
            round=round,
            municipality=municipalities[i % len(municipalities)],
            status=Application.Status.SUBMITTED,
            title=f"Utfordring {i}",
            summary="Levende sentrum og nye arbeidsplasser.",
            submitted_at=now - timedelta(days=2, minutes=i),
        )
        for i in range(n)
    )
    reviews = Review.objects.bulk_create(
        Review(
            seat=seat,
            application=application,
            status=Review.Status.SUBMITTED,
            submitted_at=now,
            comment="Godt begrunnet.",
        )
        for application in applications
        for seat in seats
    )
    criteria = list(Criterion.objects.for_round(round))
    Score.objects.bulk_create(
        (
            Score(review=review, criterion=criterion, value=1 + (i * 7 + criterion.order) % 5)
            for i, review in enumerate(reviews)
            for criterion in criteria
        ),
        batch_size=5000,
    )
    return staff, seats[0].user, applications[n // 2]


def measure(client, url, repeats):
    """Median wall-clock and CPU time of the request. On a busy machine the CPU
    time (this process only) is the steadier figure; both are printed."""
    times, cpu_times, queries = [], [], 0
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as captured:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
            cpu = (time.process_time() - cpu_started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        times.append(elapsed)
        cpu_times.append(cpu)
        queries = len(captured)
    return {
        "median_ms": round(statistics.median(times), 1),
        "median_cpu_ms": round(statistics.median(cpu_times), 1),
        "queries": queries,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=356, help="challenges at scale 1")
    parser.add_argument("--scale", type=int, default=1, help="multiply the challenges")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    n = args.n * args.scale

    setup_test_environment()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    staff, juror, application = build(n)
    build_seconds = time.perf_counter() - started

    staff_client, juror_client = Client(), Client()
    staff_client.force_login(staff)
    juror_client.force_login(juror)
    pages = {
        "ranking": (staff_client, reverse("jury:staff_ranking")),
        "juror_list": (juror_client, reverse("jury:home")),
        "scoring_page": (juror_client, reverse("jury:score", args=[application.pk])),
        "calibration": (staff_client, reverse("jury:staff_calibration")),
        "csv_export": (staff_client, reverse("jury:export_csv")),
    }
    figures = {}
    for name, (client, url) in pages.items():
        client.get(url)  # warm up: first-request imports and template loading
        figures[name] = measure(client, url, args.repeats)
    # Peak resident memory of the whole process (kB on Linux).
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "benchmark": "jury",
                "database": "sqlite",
                "challenges": n,
                "jurors": 7,
                "criteria": 9,
                "scores": n * 7 * 9,
                "repeats": args.repeats,
                "build_s": round(build_seconds, 1),
                "pages": figures,
                "peak_rss_mb": round(peak_kb / 1024, 1),
                "load_average_1m": round(os.getloadavg()[0], 1),
                "cpu_count": os.cpu_count(),
            }
        )
    )


if __name__ == "__main__":
    main()
