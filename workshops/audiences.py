"""Reminder audiences the workshops know: selected municipalities' open commitments.

Registered with notifications (see notifications/audiences.py).
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from notifications.audiences import active_users, audience
from workshops.models import obligation_status, selected_municipalities


@audience(
    "selected_with_open_commitments",
    _("Selected municipalities that have not yet met their workshop commitment"),
)
def selected_with_open_commitments(deadline) -> QuerySet:
    """Members of selected municipalities missing a department at an obligation workshop.

    Co-funding commitments are not recorded in the portal yet, so only workshop
    attendance by the two departments counts here.
    """
    municipalities = list(selected_municipalities(deadline.round))
    status = obligation_status(deadline.round, municipalities)
    open_ids = [m.pk for m, cells in status.items() if any(not cell.is_met for cell in cells)]
    return active_users().filter(municipality_memberships__municipality_id__in=open_ids).distinct()
