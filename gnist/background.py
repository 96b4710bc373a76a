"""Every background task the portal asks for goes through one door: ``queue_task``.

The request is a ``TaskRequest`` row written in the caller's transaction; once
that transaction commits it is handed to the broker. A broker that is down is
logged, never raised: the user's change is already saved, and the periodic
sweep (``notifications.sweep_outbox``) dispatches the row when Redis is back.
The task itself runs through ``notifications.run_task_request``: claim the row,
run the task and mark it done in one database transaction, so a worker killed
half-way leaves nothing half-done and the sweep runs it again after its lease.
"""

import importlib
import logging

from django.db import transaction
from django.utils import timezone

from gnist.celery import app as celery_app

logger = logging.getLogger(__name__)

RUN_TASK = "notifications.run_task_request"


def queue_for(task_name: str) -> str:
    """The queue of a task by ``CELERY_TASK_ROUTES``; the default queue otherwise."""
    routes = celery_app.conf.task_routes or {}
    route = routes.get(task_name, {}) if isinstance(routes, dict) else {}
    return route.get("queue") or celery_app.conf.task_default_queue


def send_to_broker(task_name: str, kwargs: dict, *, queue: str | None = None, **options) -> bool:
    """Publish one task message; False (and a log line) when the broker is unreachable."""
    try:
        celery_app.signature(task_name, kwargs=kwargs).apply_async(
            queue=queue or queue_for(task_name), **options
        )
    except Exception:  # kombu raises several unrelated types for an unreachable broker
        logger.warning("%s(%s) stays in the database: broker unreachable", task_name, kwargs)
        return False
    return True


def queue_task(task_name: str, **kwargs):
    """Record a task request in the current transaction and dispatch it on commit.

    Side effects: saves a ``TaskRequest``; publishes it when the transaction
    commits (or leaves it for the sweep when the broker is down). Never raises
    because of the broker.
    """
    from notifications.models import TaskRequest

    request = TaskRequest.objects.create(task=task_name, kwargs=kwargs)
    transaction.on_commit(lambda: dispatch(request))
    return request


def dispatch(request) -> bool:
    """Hand one task request to the broker; returns whether the broker took it."""
    from notifications.models import TaskRequest

    TaskRequest.objects.filter(pk=request.pk).update(dispatched_at=timezone.now())
    if celery_app.conf.task_always_eager:
        # Development and most tests: run in-process, as Celery's eager mode would.
        run_request(request.pk)
        return True
    if send_to_broker(RUN_TASK, {"request_id": request.pk}, queue=queue_for(request.task)):
        return True
    TaskRequest.objects.filter(pk=request.pk).update(dispatched_at=None)
    return False


def task_named(name: str):
    """The Celery task called ``<app>.<task>``, importing ``<app>.tasks`` if needed."""
    if name not in celery_app.tasks:
        importlib.import_module(f"{name.split('.')[0]}.tasks")
    return celery_app.tasks[name]


def run_request(request_id: int) -> str:
    """Claim, run and finish one task request; returns its status afterwards.

    The task body and the "done" mark share one transaction: what the task
    writes (outbox rows, a PDF) exists exactly when the request is done.
    """
    from notifications.models import TaskRequest

    request = TaskRequest.objects.filter(pk=request_id).first()
    if request is None or not request.claim(timezone.now()):
        return "skipped"
    task = task_named(request.task)
    try:
        with transaction.atomic():
            task.run(**request.kwargs)
            request.mark_done(timezone.now())
    except Exception as exc:  # any failure of the task body is retried with back-off
        logger.exception("background task %s failed", request)
        return request.mark_attempt_failed(f"{type(exc).__name__}: {exc}", timezone.now())
    return TaskRequest.Status.DONE


def sweep_requests(*, at) -> int:
    """Dispatch every request a broker outage or a dead worker left behind."""
    from notifications.models import TaskRequest

    requests = list(TaskRequest.objects.due(at).order_by("pk")[:500])
    return sum(dispatch(request) for request in requests)
