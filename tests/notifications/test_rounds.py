"""Reminder pages with two rounds in the database: this year's and last year's."""

import pytest
from django.urls import reverse

from notifications.models import ReminderRule
from tests.factories import DeadlineFactory, oslo

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules(current_round, last_round):
    this_year = DeadlineFactory(round=current_round, name_nb="Frist i år", at=oslo(2027, 3, 1))
    last_year = DeadlineFactory(
        round=last_round, key="other", name_nb="Frist i fjor", at=oslo(2026, 3, 1)
    )
    return (
        ReminderRule.objects.create(deadline=this_year, audience="jurors"),
        ReminderRule.objects.create(deadline=last_year, audience="jurors"),
    )


def test_reminders_of_the_current_round_and_of_the_round_picked(client_as, rules):
    client = client_as("staff")

    current = client.get(reverse("notifications:staff_reminders"))
    last = client.get(reverse("notifications:staff_reminders") + "?round=2025-2026")

    assert current.context["rules"] == [rules[0]]
    assert last.context["rules"] == [rules[1]]
    assert 'name="round" value="2025-2026"' in last.content.decode()
    assert list(last.context["form"].fields["deadline"].queryset) == list(
        rules[1].deadline.round.deadlines.all()
    )


def test_a_reminder_is_added_to_the_round_its_form_names(client_as, rules, last_round):
    client = client_as("staff")
    client.get(reverse("notifications:staff_reminders") + "?round=2026-2027")
    deadline = last_round.deadlines.get(key="other")

    response = client.post(
        reverse("notifications:staff_reminders"),
        {
            "round": last_round.slug,
            "deadline": deadline.pk,
            "audience": "municipality_members",
            "offsets": "7",
            "send_time": "09:00",
        },
    )

    assert response.status_code == 302
    assert ReminderRule.objects.filter(deadline=deadline).count() == 2
