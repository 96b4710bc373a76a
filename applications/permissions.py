"""Who may see and do what with challenges.

A challenge one may not see is a 404 (its existence is private); a visible one
that one may not change is a 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.permissions import (
    is_county_member,
    is_municipality_member,
    is_programme_staff,
)
from applications.models import Application

Status = Application.Status


def is_own(user, application) -> bool:
    return is_municipality_member(user, application.municipality)


def is_county_of(user, application) -> bool:
    return is_county_member(user, application.municipality.county)


def can_view_application(user, application) -> bool:
    """Whoever may read it (``can_view_attachments``), and everyone once selected
    (the selection is published by that status)."""
    if application.status == Status.SELECTED:
        return True
    return can_view_attachments(user, application)


def can_view_attachments(user, application) -> bool:
    """The challenge in full, attachments included: ``ApplicationQuerySet.readable_by``
    is the one rule (a recused juror reads nothing of the conflicted challenge).
    Attachments never become public with the selection."""
    if not user.is_authenticated:
        return False
    if is_programme_staff(user) or is_own(user, application):
        return True
    return Application.objects.readable_by(user).filter(pk=application.pk).exists()


def can_edit_application(user, application, moment=None) -> bool:
    return is_own(user, application) and application.is_editable_at(moment or timezone.now())


def can_submit_application(user, application, moment=None) -> bool:
    return can_edit_application(user, application, moment)


def can_withdraw_application(user, application, moment=None) -> bool:
    return (
        is_own(user, application)
        and application.status == Status.SUBMITTED
        and application.is_open_at(moment or timezone.now())
    )


def can_reopen_application(user, application, moment=None) -> bool:
    return (
        is_own(user, application)
        and application.status in (Status.SUBMITTED, Status.WITHDRAWN)
        and application.is_open_at(moment or timezone.now())
    )


def can_start_application(user, municipality) -> bool:
    return is_municipality_member(user, municipality)


def can_manage_attachments(user, application, moment=None) -> bool:
    return can_edit_application(user, application, moment)


def can_confirm_county_support(user, application) -> bool:
    return is_county_of(user, application) and application.status not in (
        Status.WITHDRAWN,
        *Status.decided(),
    )


def can_see_county_dashboard(user) -> bool:
    return user.is_authenticated and bool(user.roles.county_ids)


def can_see_versions(user, application) -> bool:
    return is_programme_staff(user)


def get_application_for_view(request, pk) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("municipality__county", "round", "project_leader"),
        pk=pk,
    )
    if not can_view_application(request.user, application):
        raise Http404
    return application


def get_application_for(request, pk, predicate) -> Application:
    """The challenge if ``predicate(user, application)`` holds: 404 when it is not visible,
    403 when it is visible but the action is not allowed."""
    application = get_application_for_view(request, pk)
    if not predicate(request.user, application):
        raise PermissionDenied
    return application
