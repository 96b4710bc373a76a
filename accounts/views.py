import json
from urllib.parse import urlencode

from allauth.account.adapter import get_adapter
from allauth.account.utils import get_next_redirect_url
from allauth.mfa.recovery_codes import views as recovery_codes_views
from allauth.mfa.totp import views as totp_views
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import services
from accounts.dashboard import next_steps_for
from accounts.forms import (
    ErasureRequestForm,
    MunicipalityInvitationForm,
    ProfileForm,
    StaffInvitationForm,
)
from accounts.models import ErasureRequest, Invitation, MunicipalityMembership, Organisation, User
from accounts.permissions import (
    can_invite_to_municipality,
    get_invitation_for_revoke,
    get_municipality_for_members,
    is_programme_staff,
    require_staff,
)
from notifications.models import OutboxMessage
from phases.models import Round
from phases.permissions import rounds_visible_to
from phases.picker import choose_round, posted_round


@login_required
def dashboard(request):
    user = request.user
    context = {
        "municipality_memberships": user.municipality_memberships.select_related(
            "municipality__county"
        ),
        "county_memberships": user.county_memberships.select_related("county"),
        "organisation_memberships": user.organisation_memberships.select_related("organisation"),
        "led": user.led_municipalities.select_related("round", "municipality__county"),
        "jury_seats": user.jury_seats.select_related("round", "organisation"),
        "pending_invitations": Invitation.objects.pending().filter(email__iexact=user.email),
        "current_round": Round.objects.published().current(),
        "next_steps": next_steps_for(user, timezone.now()),
        "latest_messages": OutboxMessage.objects.to_address(user.email)[:5],
    }
    return render(request, "accounts/dashboard.html", context)


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


def invitation_accept(request, token):
    invitation = get_object_or_404(
        Invitation.objects.select_related(
            "municipality__county", "county", "organisation", "jury_seat__round"
        ),
        token=token,
    )
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            services.accept_invitation(invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(request.path)
        messages.success(
            request,
            _("Welcome! You now have access to %(target)s.") % {"target": invitation.target_label},
        )
        return redirect(invitation.landing_url)
    if not request.user.is_authenticated and invitation.status == Invitation.Status.PENDING:
        # The link reached this inbox, so the address is proven: sign-up skips verification.
        get_adapter(request).stash_verified_email(request, invitation.email)
    has_account = User.objects.filter(email__iexact=invitation.email).exists()
    return render(
        request,
        "accounts/invitation_accept.html",
        {"invitation": invitation, "has_account": has_account},
    )


@login_required
def municipality_members(request, number):
    """Members and invitations (not per round); the project leader of the chosen round.

    Inviting colleagues is the right of the current round's project leader, whatever
    round the page shows.
    """
    municipality = get_municipality_for_members(request, number)
    choice = choose_round(request, rounds_visible_to(request.user))
    round = choice.round
    can_invite = can_invite_to_municipality(request.user, municipality, Round.objects.current())
    form = MunicipalityInvitationForm(request.POST or None)
    if request.method == "POST":
        if not can_invite:
            raise PermissionDenied
        if form.is_valid():
            services.invite_person(
                invited_by=request.user,
                municipality=municipality,
                **form.cleaned_data,
            )
            messages.success(request, _("An invitation was sent to %(email)s.") % form.cleaned_data)
            return redirect("accounts:municipality_members", number=number)
    members = MunicipalityMembership.objects.filter(municipality=municipality).select_related(
        "user"
    )
    leader = municipality.project_leaders.filter(round=round).select_related("user").first()
    invitations = (
        Invitation.objects.pending()
        .filter(municipality=municipality)
        .select_related("municipality__county", "project_leader_round")
        if can_invite
        else []
    )
    context = {
        "municipality": municipality,
        "round": round,
        "choice": choice,
        "members": members,
        "leader": leader,
        "invitations": invitations,
        "form": form,
        "can_invite": can_invite,
        "can_appoint": is_programme_staff(request.user),
    }
    return render(request, "accounts/municipality_members.html", context)


@login_required
@require_POST
def appoint_project_leader(request, number, user_id):
    require_staff(request)
    municipality = get_municipality_for_members(request, number)
    member = get_object_or_404(
        MunicipalityMembership.objects.select_related("user"),
        municipality=municipality,
        user_id=user_id,
    )
    round = posted_round(request)
    services.set_project_leader(round=round, municipality=municipality, user=member.user)
    messages.success(
        request,
        _("%(name)s is now the project leader for %(round)s.")
        % {"name": member.user, "round": round},
    )
    url = reverse("accounts:municipality_members", kwargs={"number": number})
    return redirect(f"{url}?{urlencode({'round': round.slug})}")


@login_required
@require_POST
def invitation_revoke(request, pk):
    invitation = get_invitation_for_revoke(request, pk, Round.objects.current())
    if services.revoke_invitation(invitation, revoked_by=request.user):
        messages.success(
            request, _("The invitation to %(email)s was revoked.") % {"email": invitation.email}
        )
    else:
        messages.info(request, _("The invitation was no longer pending."))
    return redirect(request.POST.get("next") or "accounts:dashboard")


@login_required
def staff_invitations(request):
    require_staff(request)
    organisations = Organisation.objects.filter(is_active=True).exclude(
        kind=Organisation.Kind.PROGRAMME
    )
    form = StaffInvitationForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = data["target"]
        round = posted_round(request) if data["make_project_leader"] else None
        services.invite_person(
            email=data["email"],
            full_name=data["full_name"],
            invited_by=request.user,
            municipality=data["municipality"] if target == "municipality" else None,
            department=data["department"] or "other",
            project_leader_round=round,
            county=data["county"] if target == "county" else None,
            organisation=data["organisation"] if target == "organisation" else None,
        )
        messages.success(request, _("An invitation was sent to %(email)s.") % data)
        return redirect("accounts:staff_invitations")
    invitations = Invitation.objects.select_related(
        "municipality__county", "county", "organisation", "project_leader_round", "jury_seat__round"
    )
    page = Paginator(invitations, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/staff_invitations.html",
        {"form": form, "page": page, "round": Round.objects.current()},
    )


def privacy(request):
    """The privacy statement (personvernerklæring): what is stored, why and for how long."""
    context = {
        "outbox_days": settings.OUTBOX_RETENTION_DAYS,
        "session_days": settings.SESSION_COOKIE_AGE // 86400,
    }
    return render(request, "accounts/privacy.html", context)


@login_required
def my_data(request):
    form = ErasureRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_erasure(request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            _("Your request was sent. Programme staff will delete your account and tell you."),
        )
        return redirect("accounts:my_data")
    pending = ErasureRequest.objects.pending().filter(user=request.user).first()
    return render(request, "accounts/my_data.html", {"form": form, "pending": pending})


@login_required
def data_export(request):
    data = services.export_personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="gnist-personal-data.json"'
    return response


@login_required
def staff_erasure_requests(request):
    require_staff(request)
    requests = ErasureRequest.objects.select_related("user", "carried_out_by")
    page = Paginator(requests, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/staff_erasure_requests.html", {"page": page})


@login_required
@require_POST
def staff_erasure_carry_out(request, pk):
    require_staff(request)
    erasure = get_object_or_404(ErasureRequest.objects.select_related("user"), pk=pk)
    try:
        services.carry_out_erasure(erasure, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The account was deleted."))
    return redirect("accounts:staff_erasure_requests")


def _with_next(url: str, next_url: str | None) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class ActivateTOTPView(totp_views.ActivateTOTPView):
    """allauth's TOTP set-up that remembers the page the person asked for (``next``).

    After set-up the recovery codes are shown once, with a link on to that page.
    """

    template_name = "accounts/mfa_activate_totp.html"

    def get_context_data(self, **kwargs):
        next_url = get_next_redirect_url(self.request)
        return {
            **super().get_context_data(**kwargs),
            "action_url": _with_next(reverse("mfa_activate_totp"), next_url),
        }

    def get_success_url(self) -> str:
        next_url = get_next_redirect_url(self.request)
        if self.did_generate_recovery_codes:
            return _with_next(reverse("mfa_view_recovery_codes"), next_url)
        return next_url or super().get_success_url()


activate_totp = ActivateTOTPView.as_view()


class ViewRecoveryCodesView(recovery_codes_views.ViewRecoveryCodesView):
    """allauth's recovery codes page with a link on to the page asked for before set-up."""

    template_name = "accounts/mfa_recovery_codes.html"

    def get_context_data(self, **kwargs):
        next_url = get_next_redirect_url(self.request)
        return {**super().get_context_data(**kwargs), "next_url": next_url}


view_recovery_codes = ViewRecoveryCodesView.as_view()
