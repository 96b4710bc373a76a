from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import require_staff
from briefs.forms import ActorFormSet, BriefVersionForm, OpenBriefForm
from briefs.models import Brief
from briefs.permissions import (
    can_edit_brief,
    get_brief_for_edit,
    get_brief_for_view,
    get_version_for_download,
    get_version_for_staff,
    require_brief_list,
)
from briefs.services import VERSION_FIELDS, open_brief, rerender_version, save_version
from gnist.downloads import download
from phases.permissions import rounds_visible_to
from phases.picker import choose_round, posted_round


@login_required
def brief_list(request):
    require_brief_list(request)
    choice = choose_round(request, rounds_visible_to(request.user))
    round = choice.round
    briefs = (
        Brief.objects.visible_to(request.user)
        .filter(round=round)
        .select_related("municipality__county")
        .order_by("municipality__name")
    )
    form = OpenBriefForm(round=round) if request.user.roles.programme_staff else None
    return render(
        request,
        "briefs/list.html",
        {"briefs": briefs, "round": round, "choice": choice, "open_form": form},
    )


@login_required
@require_POST
def staff_open(request):
    require_staff(request)
    round = posted_round(request)
    form = OpenBriefForm(request.POST, round=round)
    if not form.is_valid():
        messages.error(request, _("Choose a selected municipality without a brief."))
        return redirect(f"{reverse('briefs:list')}?{urlencode({'round': round.slug})}")
    brief = open_brief(form.cleaned_data["application"])
    return redirect(brief)


@login_required
def detail(request, pk):
    brief = get_brief_for_view(request, pk)
    versions = list(brief.versions.defer("pdf").select_related("created_by"))
    current = versions[0] if versions else None
    return render(
        request,
        "briefs/detail.html",
        {
            "brief": brief,
            "current": current,
            "actors": list(current.actors.all()) if current else [],
            "versions": versions,
            "can_edit": can_edit_brief(request.user, brief),
        },
    )


@login_required
def edit(request, pk):
    brief = get_brief_for_edit(request, pk)
    current = brief.current_version
    initial = {f: getattr(current, f) for f in VERSION_FIELDS} if current else {}
    actors = (
        list(current.actors.values("name", "kind", "role", "influence", "interest", "contact"))
        if current
        else []
    )
    data = request.POST if request.method == "POST" else None
    form = BriefVersionForm(data, initial=initial)
    formset = ActorFormSet(data, initial=actors, prefix="actors")
    if data is not None:
        if form.is_valid() and formset.is_valid():
            kept = [
                {k: v for k, v in f.cleaned_data.items() if k != "DELETE"}
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            version = save_version(brief, content=form.cleaned_data, actors=kept, by=request.user)
            messages.success(
                request, _("Version %(number)s was saved.") % {"number": version.number}
            )
            return redirect(brief)
        messages.error(request, _("Please correct the errors below. Nothing has been saved yet."))
    return render(
        request,
        "briefs/edit.html",
        {"brief": brief, "form": form, "formset": formset, "current": current},
    )


@login_required
def version_pdf(request, pk, number):
    version = get_version_for_download(request, pk, number)
    return download(
        bytes(version.pdf), filename=version.pdf_filename, content_type="application/pdf"
    )


@login_required
@require_POST
def staff_rerender(request, pk, number):
    version = get_version_for_staff(request, pk, number)
    if rerender_version(version):
        messages.success(request, _("The PDF is being made again."))
    else:
        messages.error(request, _("The PDF is being made right now; try again in a moment."))
    return redirect("briefs:detail", pk=pk)
