"""Benchmark the reminder path end to end, and the needs-description PDF.

Queues the reminders of one deadline for 357 municipalities with three members
each (1,071 people) through a real Celery worker (``--pool=solo``) and a private
redis-server, to an SMTP sink on 127.0.0.1, and waits until every message has
arrived. The planning task is queued twice, as two beat processes would. Then
renders one needs description with twelve actors several times.

Prints one JSON object: delivery time and messages per second, duplicates
(must be 0), SQL queries per reminder and per delivery, median PDF render time,
and peak memory.

    python bench/reminders.py [--municipalities 357] [--members 3] [--pdf-runs 7]
"""

import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections import Counter
from datetime import time as clock
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="gnist-bench-reminders-"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


REDIS_PORT = free_port()
SMTP_PORT = free_port()
QUEUE = "bench-reminders"
ENV = {
    "DJANGO_SETTINGS_MODULE": "gnist.settings",
    "DATABASE_URL": f"sqlite:///{TMP}/bench.sqlite3",
    "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
    "CELERY_TASK_DEFAULT_QUEUE": QUEUE,
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": str(SMTP_PORT),
    "LOG_LEVEL": "WARNING",
}
os.environ.update(ENV)

import django  # noqa: E402

django.setup()

from aiosmtpd.controller import Controller  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import MunicipalityMembership, ProjectLeader, User  # noqa: E402
from applications.models import Application  # noqa: E402
from briefs.exports import render_brief_pdf  # noqa: E402
from briefs.models import Actor, Brief, BriefVersion  # noqa: E402
from gnist.celery import app as celery_app  # noqa: E402
from gnist.emails import deliver  # noqa: E402
from municipalities.models import Municipality  # noqa: E402
from notifications.models import OSLO, OutboxMessage, Reminder, ReminderRule  # noqa: E402
from notifications.services import send_due_reminders  # noqa: E402
from notifications.tasks import send_due_reminders as send_due_reminders_task  # noqa: E402
from phases.models import Deadline, Round  # noqa: E402


class Sink:
    def __init__(self):
        self.recipients = Counter()
        self.message_ids = Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.recipients.update(envelope.rcpt_tos)
            for line in envelope.content.split(b"\r\n"):
                if line.lower().startswith(b"message-id:"):
                    self.message_ids[line.split(b":", 1)[1].strip()] += 1
                    break
        return "250 OK"

    def count(self) -> int:
        with self.lock:
            return sum(self.recipients.values())


def start_redis():
    binary = shutil.which("redis-server")
    if not binary:
        sys.exit("redis-server is needed (Debian package redis-server)")
    with open(TMP / "redis.log", "ab") as log:
        process = subprocess.Popen(
            [binary, "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(TMP)],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    wait(lambda: port_open(REDIS_PORT), 10, "redis-server")
    return process


def start_worker():
    with open(TMP / "worker.log", "ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "gnist", "worker", "--pool=solo",
             "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-n", f"{QUEUE}@localhost", "-Q", QUEUE, "--loglevel=WARNING"],
            cwd=ROOT, env={**os.environ, **ENV}, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    wait(
        lambda: celery_app.control.ping(destination=[f"{QUEUE}@localhost"], timeout=0.5),
        30,
        "worker",
    )
    return process


def port_open(port) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False


def wait(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise TimeoutError(f"{what} not ready after {timeout} s")


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, 15)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)


def build_people(municipalities: int, members: int):
    chosen = list(Municipality.objects.active().order_by("number")[:municipalities])
    users = User.objects.bulk_create(
        User(email=f"medlem{i}.{m.number}@bench.kommune.no", full_name=f"Medlem {i} {m.name}")
        for m in chosen
        for i in range(members)
    )
    by_email = {u.email: u for u in User.objects.filter(email__endswith="@bench.kommune.no")}
    MunicipalityMembership.objects.bulk_create(
        MunicipalityMembership(
            user=by_email[f"medlem{i}.{m.number}@bench.kommune.no"], municipality=m
        )
        for m in chosen
        for i in range(members)
    )
    return chosen, len(users)


def due_deadline(bench_round, key):
    """A deadline 30 minutes ahead whose reminder time (00:00 Oslo, same day) has passed."""
    now = timezone.now()
    at = now + timedelta(minutes=30)
    days = (at.astimezone(OSLO).date() - now.astimezone(OSLO).date()).days
    deadline = Deadline.objects.create(
        round=bench_round, key=key, name_nb="Frist", name_en="Deadline", at=at
    )
    ReminderRule.objects.create(
        deadline=deadline, audience="municipality_members", offsets=str(days), send_time=clock(0, 0)
    )
    return deadline


def pdf_timings(bench_round, municipality, runs):
    application = Application.objects.create(
        round=bench_round, municipality=municipality, title="Levende sentrum", status="selected",
        submitted_at=timezone.now(),
    )  # fmt: skip
    brief = Brief.objects.create(
        round=bench_round, municipality=municipality, application=application
    )
    version = BriefVersion.objects.create(
        brief=brief, number=1, background="Bakgrunn – æøå. " * 40,
        current_situation="Dagens situasjon. " * 60, target_group_needs="Ungdom, næringsliv. " * 40,
        goals="Mål. " * 30, constraints="Rammer. " * 20, success_criteria="Kriterier. " * 20,
    )  # fmt: skip
    kinds = [k for k, _label in Actor.Kind.choices]
    Actor.objects.bulk_create(
        Actor(version=version, name=f"Aktør {n} Østerdalen", kind=kinds[n % 5], role="Rolle",
              influence=n % 3 + 1, interest=(n // 3) % 3 + 1, order=n)
        for n in range(12)
    )  # fmt: skip
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render_brief_pdf(version)
        times.append((time.perf_counter() - start) * 1000)
    # Memory in a separate render: tracemalloc slows Python down several times.
    tracemalloc.start()
    render_brief_pdf(version)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return times, peak


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--municipalities", type=int, default=357)
    parser.add_argument("--members", type=int, default=3)
    parser.add_argument("--pdf-runs", type=int, default=7)
    options = parser.parse_args()

    call_command("migrate", verbosity=0)
    bench_round = Round.objects.create(name="Benchmark", slug="bench")
    chosen, people = build_people(options.municipalities, options.members)

    sink = Sink()
    smtp = Controller(sink, hostname="127.0.0.1", port=SMTP_PORT)
    smtp.start()
    redis = start_redis()
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = QUEUE
    worker = start_worker()
    try:
        due_deadline(bench_round, "challenge_submission")
        start = time.perf_counter()
        send_due_reminders_task.delay()
        send_due_reminders_task.delay()  # a second beat process
        wait(lambda: sink.count() >= people, 300, "all reminders")
        elapsed = time.perf_counter() - start
        time.sleep(1)  # anything extra (a duplicate) would arrive now
        received = sink.count()
        duplicates = received - len(sink.recipients)
        duplicate_ids = sum(n - 1 for n in sink.message_ids.values() if n > 1)
        reminders = Reminder.objects.count()
        sent = OutboxMessage.objects.filter(status="sent").count()
    finally:
        stop(worker)
        stop(redis)

    # SQL per reminder (planning) and per delivery, measured in this process.
    celery_app.conf.task_always_eager = True
    one_rule_deadline = due_deadline(bench_round, "jury_meeting")
    ReminderRule.objects.filter(deadline=one_rule_deadline).update(audience="project_leaders")
    for municipality in chosen[:3]:
        membership = MunicipalityMembership.objects.filter(municipality=municipality).first()
        ProjectLeader.objects.create(
            round=bench_round, municipality=municipality, user=membership.user
        )
    with CaptureQueriesContext(connection) as planning:
        send_due_reminders(at=timezone.now())
    message = OutboxMessage.objects.create(
        kind="bench", to=["en@bench.kommune.no"], from_email="gnist@doga.no", subject="Måling",
        body_text="Hei", body_html="<p>Hei</p>",
    )  # fmt: skip
    with CaptureQueriesContext(connection) as delivery:
        deliver(message.pk)
    smtp.stop()

    pdf_ms, pdf_peak = pdf_timings(bench_round, chosen[0], options.pdf_runs)
    worker_peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        json.dumps(
            {
                "machine": f"{os.cpu_count()}-core",
                "municipalities": len(chosen),
                "recipients": people,
                "reminders_recorded": reminders,
                "messages_received": received,
                "outbox_sent": sent,
                "duplicates": duplicates,
                "duplicate_message_ids": duplicate_ids,
                "deliver_all_ms": round_ms(elapsed * 1000),
                "messages_per_second": round(received / elapsed, 1),
                "sql_queries_planning_3_reminders": len(planning),
                "sql_queries_per_delivery": len(delivery),
                "pdf_render_median_ms": round_ms(statistics.median(pdf_ms)),
                "pdf_render_first_ms": round_ms(pdf_ms[0]),
                "pdf_runs": len(pdf_ms),
                "peak_memory_pdf_kib": round(pdf_peak / 1024, 1),
                "peak_rss_children_kib": worker_peak_kib,
            }
        )
    )
    shutil.rmtree(TMP, ignore_errors=True)


def round_ms(value: float) -> float:
    return round(value, 1)


if __name__ == "__main__":
    main()
