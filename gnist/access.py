"""The one role every app checks: programme staff. Knows no model and no app.

``User.roles`` (accounts) says who a person is; this helper only reads it, so
the timeline (phases) and the outbox (notifications), which sit below accounts,
can guard their staff pages without importing accounts.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


@rules.predicate
def is_programme_staff(user) -> bool:
    return user.is_authenticated and user.roles.programme_staff


def require_staff(request) -> None:
    if not is_programme_staff(request.user):
        raise PermissionDenied(_("This page is for programme staff."))
