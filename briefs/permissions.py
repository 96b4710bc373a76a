"""Who may see and edit a municipality's needs description and actor mapping."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.permissions import is_county_member, is_municipality_member, is_programme_staff
from briefs.models import Brief, BriefVersion


def can_view_brief(user, brief) -> bool:
    return (
        is_programme_staff(user)
        or is_municipality_member(user, brief.municipality)
        or is_county_member(user, brief.municipality.county)
    )


def can_edit_brief(user, brief) -> bool:
    """The municipality writes it with the programme staff; the county council reads it."""
    return is_programme_staff(user) or is_municipality_member(user, brief.municipality)


def can_list_briefs(user) -> bool:
    roles = user.roles
    return roles.programme_staff or bool(roles.municipality_ids or roles.county_ids)


def require_brief_list(request) -> None:
    if not can_list_briefs(request.user):
        raise PermissionDenied


def get_brief_for_view(request, pk) -> Brief:
    """Outsiders get 404: they must not learn what a municipality is writing."""
    brief = get_object_or_404(
        Brief.objects.select_related("municipality__county", "round", "application"), pk=pk
    )
    if not can_view_brief(request.user, brief):
        raise Http404
    return brief


def get_brief_for_edit(request, pk) -> Brief:
    brief = get_brief_for_view(request, pk)
    if not can_edit_brief(request.user, brief):
        raise PermissionDenied
    return brief


def get_version_for_download(request, pk, number) -> BriefVersion:
    brief = get_brief_for_view(request, pk)
    return get_object_or_404(
        brief.versions.select_related("brief__municipality"),
        number=number,
        pdf_status=BriefVersion.PdfStatus.READY,
    )


def get_version_for_staff(request, pk, number) -> BriefVersion:
    brief = get_brief_for_view(request, pk)
    if not is_programme_staff(request.user):
        raise PermissionDenied
    return get_object_or_404(brief.versions, number=number)
