"""Fixtures the permission matrix needs for notification pages (imported by tests/conftest.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.models import OutboxMessage, ReminderRule
from tests.factories import DeadlineFactory


@pytest.fixture
def failed_message(db):
    return OutboxMessage.objects.create(
        kind="invitation",
        to=["ny@tynset.kommune.no"],
        from_email="gnist@doga.no",
        subject="[Gnist] Invitasjon",
        body_text="Hei",
        status=OutboxMessage.Status.FAILED,
        attempts=5,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
    )


@pytest.fixture
def reminder_rule(current_round):
    deadline = DeadlineFactory(round=current_round, at=timezone.now() + timedelta(days=10))
    return ReminderRule.objects.create(deadline=deadline, audience="municipality_members")
