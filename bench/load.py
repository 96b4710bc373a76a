"""The deadline rush: editors of every municipality autosaving in the last hour.

Starts the docker-compose topology on this machine — a private PostgreSQL
cluster and redis-server, gunicorn, Celery workers for the default, e-mail and
PDF queues, beat, and an SMTP sink — fills a database of its own with one
complete draft per municipality, then runs locust headless
(bench/load_users.py) and prints one JSON object:

* editors_held: the largest number of concurrent editors whose step kept the
  autosave p95 under 150 ms without a single error;
* requests per second, p50/p95/p99 per request kind, errors;
* checks afterwards: every draft holds the last text its editor sent, every
  submission has exactly one receipt per recipient.

    python bench/load.py                      # ramp until p95 > 150 ms or an error
    python bench/load.py --restart-postgres   # then hold the editors, restart PostgreSQL once

Needs the test extras (locust) and PostgreSQL's server binaries; run as root it
starts PostgreSQL as the ``postgres`` user.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.celery_worker import RedisServer, free_port, wait_for  # noqa: E402
from tests.notifications.smtp import SMTPSink  # noqa: E402

PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), Path("/usr/bin"))


class Postgres:
    """A throw-away PostgreSQL cluster, so restarting it disturbs nobody else."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.data = directory / "data"
        self.port = free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def run(self, *command, check=True):
        return subprocess.run(
            [*self.as_postgres, *command], check=check, capture_output=True, text=True
        )

    def init(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        if self.as_postgres:
            shutil.chown(self.directory, "postgres")
        self.run(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust")
        return self

    def start(self):
        self.run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.directory / "postgres.log"),
            "-w",
            "-o",
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 "
            "-c max_connections=300 -c shared_buffers=256MB -c synchronous_commit=on",
            "start",
        )
        return self

    def stop(self, mode="fast"):
        self.run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=False
        )

    def restart(self):
        self.stop("fast")
        self.start()

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/gnist_load"


def environment(pg: Postgres, redis: RedisServer, smtp: SMTPSink, port: int, tmp: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gnist.settings",
        "DEBUG": "0",
        "SECRET_KEY": "load-test-only-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "0",
        "SITE_URL": f"https://127.0.0.1:{port}",
        "DATABASE_URL": pg.url,
        "CONN_MAX_AGE": "60",
        "REDIS_URL": redis.url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_USE_TLS": "0",
        "MEDIA_ROOT": str(tmp / "media"),
        "LOG_LEVEL": "WARNING",
        "OUTBOX_SWEEP_SECONDS": "10",
        "TASK_LEASE_SECONDS": "60",
    }


def prepare(env: dict, plan_path: Path, host: str) -> None:
    """Migrate and fill the database in a child process (Django set up with ``env``)."""
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    subprocess.run(
        [sys.executable, __file__, "--prepare", str(plan_path), "--host", host],
        cwd=ROOT,
        env=env,
        check=True,
    )


def fill(plan_path: Path, host: str) -> None:
    """One complete draft and one editor with a signed-in session per municipality."""
    import django

    django.setup()
    from datetime import timedelta

    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from applications.models import Attachment
    from applications.services import add_attachment
    from municipalities.models import Municipality
    from tests.factories import (
        PDF_BYTES,
        ApplicationFactory,
        CountyMembershipFactory,
        DeadlineFactory,
        MunicipalityMembershipFactory,
        RoundFactory,
        UserFactory,
    )

    def session_for(user) -> str:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        return session.session_key

    now = timezone.now()
    round = RoundFactory(name="Gnist last", slug="last", phases=now - timedelta(days=15))
    DeadlineFactory(round=round, at=now + timedelta(hours=1))
    editors = []
    for index, municipality in enumerate(Municipality.objects.active().order_by("number")):
        user = MunicipalityMembershipFactory(
            user__email=f"redaktor{index}@{municipality.number}.kommune.test",
            user__password=None,  # signed in by a session made here: no hashing needed
            municipality=municipality,
        ).user
        application = ApplicationFactory(round=round, municipality=municipality, complete=True)
        add_attachment(
            application,
            SimpleUploadedFile("vedtak.pdf", PDF_BYTES),
            kind=Attachment.Kind.ANCHORING,
            by=user,
        )
        editors.append(
            {
                "session": session_for(user),
                "application": application.pk,
                "municipality": municipality.name,
            }
        )
    county = CountyMembershipFactory(user__password=None).user
    staff = UserFactory(email="stab@gnist.test", is_staff=True, password=None)
    TOTP.activate(staff, generate_totp_secret())
    plan = {
        "host": host,
        "editors": editors,
        "county_session": session_for(county),
        "staff_session": session_for(staff),
    }
    plan_path.write_text(json.dumps(plan))


class Topology:
    """gunicorn, three workers (default, email, pdf queues) and beat, as docker-compose runs."""

    def __init__(self, env: dict, port: int, logs: Path, *, gunicorn_workers: int, threads: int):
        self.env, self.port, self.logs = env, port, logs
        self.gunicorn_workers, self.threads = gunicorn_workers, threads
        self.processes = []

    def spawn(self, name: str, command: list[str]):
        log = open(self.logs / f"{name}.log", "ab")
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def start(self):
        python = sys.executable
        self.spawn(
            "gunicorn",
            [
                python,
                "-m",
                "gunicorn",
                "gnist.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.gunicorn_workers),
                "--threads",
                str(self.threads),
                "--worker-class",
                "gthread",
                "--timeout",
                "30",
                "--keep-alive",
                "30",
            ],
        )
        celery = [python, "-m", "celery", "-A", "gnist"]
        for queue in ("celery", "email", "pdf"):
            self.spawn(
                f"worker-{queue}",
                [*celery, "worker", "-Q", queue, "--concurrency=1", "-n", f"{queue}@load"]
                + ["--without-gossip", "--without-mingle", "--loglevel=WARNING"],
            )
        self.spawn(
            "beat",
            [*celery, "beat", "--loglevel=WARNING", "-s", str(self.logs / "beat-schedule")],
        )
        wait_for(self.answers, timeout=60, interval=0.5, what="gunicorn")

    def answers(self) -> bool:
        import urllib.request

        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def run_locust(env: dict, plan_path: Path, out_path: Path, logs: Path, **shape) -> dict:
    locust_env = {
        **env,
        "GNIST_LOAD_PLAN": str(plan_path),
        "GNIST_LOAD_OUT": str(out_path),
        **{f"GNIST_LOAD_{key.upper()}": str(value) for key, value in shape.items()},
    }
    with open(logs / "locust.log", "ab") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(ROOT / "bench" / "load_users.py"),
                "--headless",
                "--only-summary",
                "--stop-timeout",
                "15",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=locust_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return process


def check(env: dict, sent: dict) -> dict:
    """What the database holds against what the editors sent."""
    code = (
        "import django, json, sys; django.setup()\n"
        "from collections import Counter\n"
        "from applications.models import Application\n"
        "from notifications.models import OutboxMessage\n"
        "sent = json.load(sys.stdin)\n"
        "def norm(text):  # the form strips whitespace and normalises line ends\n"
        "    return text.replace('\\r\\n', '\\n').strip()\n"
        "apps = {str(a.pk): a for a in Application.objects.filter(pk__in=list(sent))}\n"
        "lost = [pk for pk, s in sent.items()\n"
        "        if s.get('held') and norm(apps[pk].challenge) != norm(s['text'])]\n"
        "unsent = [pk for pk, s in sent.items() if not s.get('held') and not s.get('submitted')]\n"
        "submitted = [pk for pk, s in sent.items() if s.get('submitted')]\n"
        "receipts = Counter()\n"
        "for m in OutboxMessage.objects.filter(kind='application-receipt'):\n"
        "    receipts[(m.subject, tuple(m.to))] += 1\n"
        "status = Counter(a.status for a in apps.values())\n"
        "sub_ok = sum(1 for pk in submitted if apps[pk].status == 'submitted' "
        "and apps[pk].versions.count() == 1)\n"
        "print(json.dumps({'drafts_checked': len(sent), 'lost_drafts': len(lost), "
        "'lost_examples': lost[:5], 'unacknowledged_at_end': len(unsent), "
        "'submissions': len(submitted), "
        "'submissions_with_one_version': sub_ok, "
        "'receipts': sum(receipts.values()), "
        "'duplicate_receipts': sum(n - 1 for n in receipts.values() if n > 1), "
        "'receipts_sent': OutboxMessage.objects.filter(kind='application-receipt', "
        "status='sent').count(), 'statuses': dict(status)}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        input=json.dumps(sent),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def wait_for_receipts(env: dict, expected_min: int, timeout=120) -> None:
    code = (
        "import django; django.setup()\n"
        "from notifications.models import OutboxMessage\n"
        "print(OutboxMessage.objects.exclude(status='sent').count())\n"
    )

    def drained():
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
        )
        return result.stdout.strip() == "0"

    try:
        wait_for(drained, timeout=timeout, interval=3, what="the outbox to drain")
    except TimeoutError:
        pass


def run_phase(env, plan_path: Path, out_path: Path, logs: Path, *, restart=None, **shape) -> dict:
    """One locust run; with ``restart``, PostgreSQL is restarted half-way through it."""
    result = {}
    started = time.time()
    locust = run_locust(env, plan_path, out_path, logs, **shape)
    if restart is not None:
        time.sleep(shape["duration"] / 2)
        restart_at = time.time()
        restart.restart()
        result["restart_at_second"] = round(restart_at - started, 1)
        result["restart_took_seconds"] = round(time.time() - restart_at, 1)
    locust.wait()
    out = json.loads(out_path.read_text())
    sent = out.pop("sent")
    window = out.pop("error_window")
    result.update(out)
    if window:
        result["errors_between_seconds"] = [
            round(window[0] - started, 1),
            round(window[1] - started, 1),
        ]
    wait_for_receipts(env, sum(1 for s in sent.values() if s.get("submitted")))
    result["checks"] = check(env, sent)
    result["submitted"] = [pk for pk, s in sent.items() if s.get("submitted")]
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prepare", help=argparse.SUPPRESS)
    parser.add_argument("--host", help=argparse.SUPPRESS)
    parser.add_argument("--restart-postgres", action="store_true")
    parser.add_argument("--editors", type=int, default=357, help="held editors (restart run)")
    parser.add_argument("--duration", type=int, default=120, help="seconds (restart run)")
    parser.add_argument("--step", type=int, default=60)
    parser.add_argument("--step-seconds", type=int, default=40)
    parser.add_argument("--gunicorn-workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--skip-ramp", action="store_true", help="only the restart run")
    args = parser.parse_args()
    if args.prepare:
        fill(Path(args.prepare), args.host)
        return

    tmp = Path(tempfile.mkdtemp(prefix="gnist-load-"))
    tmp.chmod(0o755)  # PostgreSQL runs as its own user below it
    logs = tmp / "logs"
    logs.mkdir()
    pg = Postgres(tmp / "pg").init().start()
    pg.run(
        str(PG_BIN / "createdb"),
        "-h",
        "127.0.0.1",
        "-p",
        str(pg.port),
        "-U",
        "postgres",
        "gnist_load",
    )
    redis = RedisServer(tmp / "redis").start()
    smtp = SMTPSink().start()
    port = free_port()
    env = environment(pg, redis, smtp, port, tmp)
    plan_path = tmp / "plan.json"
    topology = Topology(
        env, port, logs, gunicorn_workers=args.gunicorn_workers, threads=args.threads
    )
    result = {"machine": f"{os.cpu_count()}-core machine, load generator included"}
    try:
        prepare(env, plan_path, f"http://127.0.0.1:{port}")
        topology.start()
        if not args.skip_ramp:
            result["ramp"] = run_phase(
                env,
                plan_path,
                tmp / "ramp.json",
                logs,
                step=args.step,
                step_seconds=args.step_seconds,
            )
        if args.restart_postgres:
            # The drafts still open, held by as many editors, while PostgreSQL restarts once.
            plan = json.loads(plan_path.read_text())
            submitted = set(result.get("ramp", {}).get("submitted", []))
            plan["editors"] = [e for e in plan["editors"] if str(e["application"]) not in submitted]
            editors = min(args.editors, len(plan["editors"]))
            plan["editors"] = plan["editors"][:editors]
            restart_plan = tmp / "plan-restart.json"
            restart_plan.write_text(json.dumps(plan))
            result["postgres_restart"] = run_phase(
                env,
                restart_plan,
                tmp / "restart.json",
                logs,
                fixed=editors,
                duration=args.duration,
                restart=pg,
            )
    finally:
        topology.stop()
        smtp.stop()
        redis.stop()
        pg.stop("immediate")
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            result["logs"] = str(logs)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
