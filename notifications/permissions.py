"""Outbox and reminder pages are for programme staff only."""

from django.shortcuts import get_object_or_404

from gnist.access import require_staff
from notifications.models import OutboxMessage, ReminderRule


def get_message_for_staff(request, pk) -> OutboxMessage:
    require_staff(request)
    return get_object_or_404(OutboxMessage, pk=pk)


def get_rule_for_staff(request, pk) -> ReminderRule:
    require_staff(request)
    return get_object_or_404(ReminderRule.objects.select_related("deadline__round"), pk=pk)
