"""A real Celery worker (and, when needed, a private Redis) as subprocesses of the test run.

The fixtures at the end are imported by tests/conftest.py. The worker reads the
*test* database and consumes a queue of its own, so parallel test processes never
take each other's tasks. Logs go to files, never to unread pipes.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from gnist.celery import app as celery_app
from tests.notifications.smtp import SMTPSink

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate, *, timeout: float, interval: float = 0.05, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout} s waiting for {what}")


def stop_process(process: subprocess.Popen, timeout: float = 10) -> None:
    """SIGTERM (warm shutdown), then SIGKILL the whole process group after ``timeout``."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)


def kill_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)


class RedisServer:
    """A throw-away redis-server on a free port; the shared Redis is never touched."""

    def __init__(self, directory: Path):
        self.port = free_port()
        self.directory = directory
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        with open(self.directory / "redis.log", "ab") as log:
            self.process = subprocess.Popen(
                [
                    shutil.which("redis-server") or "redis-server",
                    "--port",
                    str(self.port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(self.directory),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for(self._answers, timeout=10, what="redis-server")
        return self

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        if self.process:
            stop_process(self.process, timeout=5)


def database_url() -> str:
    """The URL of the test database this test process uses (after django_db_setup)."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def use_broker(url: str) -> None:
    """Point this process's Celery producer at ``url`` (a closed port simulates Redis down)."""
    celery_app.conf.broker_url = url
    # kombu keeps one pool per broker URL; dropping the app's references makes the
    # next publish pick the pool of the new URL.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


class CeleryWorker:
    """One ``celery worker --pool=solo`` process on a private queue; restartable."""

    def __init__(self, *, broker_url: str, queue: str, directory: Path, env: dict):
        self.broker_url = broker_url
        self.queue = queue
        self.name = f"{queue}@localhost"
        # The default queue, the e-mail queue and the PDF queue (CELERY_TASK_ROUTES).
        self.queues = [queue, f"{queue}-email", f"{queue}-pdf"]
        self.directory = directory
        self.env = env
        self.process = None
        self.starts = 0

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "gnist",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            self.name,
            "-Q",
            ",".join(self.queues),
            "--loglevel=INFO",
        ]

    def process_env(self) -> dict:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "gnist.settings",
            "DATABASE_URL": database_url(),
            "REDIS_URL": self.broker_url,
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
            "CELERY_EMAIL_QUEUE": self.queues[1],
            "CELERY_PDF_QUEUE": self.queues[2],
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "SITE_URL": settings.SITE_URL,
            **self.env,
        }

    def start(self):
        self.starts += 1
        with open(self.directory / f"worker-{self.starts}.log", "ab") as log:
            self.process = subprocess.Popen(
                self.command(),
                cwd=ROOT,
                env=self.process_env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for(self.answers, timeout=30, interval=0.2, what=f"worker {self.name}")
        return self

    def answers(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(
                f"worker exited with {self.process.returncode}; see {self.directory}"
            )
        return bool(celery_app.control.ping(destination=[self.name], timeout=0.5))

    def stop(self):
        if self.process:
            stop_process(self.process)

    def kill(self):
        """SIGKILL: the worker dies mid-task, as in a crash or an OOM kill."""
        if self.process:
            kill_process(self.process)

    def terminate(self, grace: float = 1.0):
        """SIGTERM, then SIGKILL after ``grace`` seconds: a docker-style restart."""
        if self.process:
            stop_process(self.process, timeout=grace)

    def start_beat(self, number: int, *, every_seconds: int = 1) -> subprocess.Popen:
        """A ``celery beat`` process sending the periodic tasks to this worker's queue."""
        env = {
            **self.process_env(),
            "REMINDER_CHECK_SECONDS": str(every_seconds),
            "OUTBOX_SWEEP_SECONDS": str(every_seconds),
        }
        with open(self.directory / f"beat-{number}.log", "ab") as log:
            return subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "gnist",
                    "beat",
                    "--loglevel=INFO",
                    "-s",
                    str(self.directory / f"beat-{number}-schedule"),
                    "--pidfile",
                    str(self.directory / f"beat-{number}.pid"),
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def log(self) -> str:
        return "".join(
            path.read_text(errors="replace") for path in sorted(self.directory.glob("worker-*.log"))
        )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, tmp_path_factory):
    """A file-based SQLite test database, so a worker process can open the same one."""
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and not database.get("TEST", {}).get("NAME"):
        path = tmp_path_factory.mktemp("db", numbered=True) / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)
    request.getfixturevalue("django_db_modify_db_settings_parallel_suffix")


@pytest.fixture(scope="session")
def celery_worker_session(django_db_setup, django_db_blocker, tmp_path_factory, worker_id):
    """A real ``celery worker`` process for this test process, on its own queue.

    The broker is a private redis-server on a free port. Its e-mail
    goes to a session SMTP sink on localhost (``celery_worker.smtp``).
    """
    directory = tmp_path_factory.mktemp("celery")
    # Always a private redis-server: the suite's autouse cache.clear() flushes the
    # shared REDIS_URL database, which would take queued tasks with it.
    redis = RedisServer(directory / "redis").start()
    broker_url = redis.url
    smtp = SMTPSink().start()
    queue = f"test-{worker_id}-{os.getpid()}"
    previous = (
        celery_app.conf.broker_url,
        celery_app.conf.task_default_queue,
        celery_app.conf.task_routes,
    )
    use_broker(broker_url)
    celery_app.conf.task_default_queue = queue
    celery_app.conf.task_routes = {
        "notifications.deliver_message": {"queue": f"{queue}-email"},
        "briefs.render_version_pdf": {"queue": f"{queue}-pdf"},
    }
    worker = CeleryWorker(
        broker_url=broker_url,
        queue=queue,
        directory=directory,
        env={
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "OUTBOX_BACKOFF_BASE": "1",
            "OUTBOX_CLAIM_TIMEOUT": "2",
            "EMAIL_TIMEOUT": "2",
            "TASK_LEASE_SECONDS": "2",
            "PDF_RENDER_LEASE": "2",
            "OUTBOX_ALERT_AFTER": "0",
        },
    )
    worker.smtp = smtp
    worker.redis = redis
    with django_db_blocker.unblock():
        worker.start()
    yield worker
    worker.stop()
    smtp.stop()
    use_broker(previous[0])
    celery_app.conf.task_default_queue = previous[1]
    celery_app.conf.task_routes = previous[2]
    redis.stop()


@pytest.fixture
def celery_worker(celery_worker_session, request):
    """The session worker, running and with an empty SMTP sink, for one ``real_worker`` test."""
    assert request.node.get_closest_marker("real_worker"), "mark the test real_worker"
    if celery_worker_session.process.poll() is not None:
        celery_worker_session.start()
    celery_worker_session.smtp.handler.messages.clear()
    celery_worker_session.smtp.handler.hold.set()
    celery_worker_session.smtp.handler.reply.set()
    celery_worker_session.smtp.handler.received_while_held.clear()
    celery_worker_session.smtp.handler.accepted_while_silent.clear()
    if celery_worker_session.redis.process.poll() is not None:
        celery_worker_session.redis.start()
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield celery_worker_session
    celery_app.conf.task_always_eager = previous
