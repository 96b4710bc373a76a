from django import template
from django.utils import timezone

from notifications.models import OutboxMessage

register = template.Library()


@register.inclusion_tag("notifications/_mail_alert.html")
def mail_alert():
    """A banner for staff when outgoing mail has been failing for ``OUTBOX_ALERT_AFTER``."""
    failing = OutboxMessage.objects.failing(timezone.now())
    return {"failing_count": failing.count()}
