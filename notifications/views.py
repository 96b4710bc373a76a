from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gnist.access import require_staff
from gnist.emails import enqueue_delivery
from notifications.forms import OutboxFilterForm, ReminderRuleForm
from notifications.models import OutboxMessage, ReminderRule
from notifications.permissions import get_message_for_staff, get_rule_for_staff
from notifications.services import pending_recipients
from phases.models import Round


@login_required
def staff_outbox(request):
    require_staff(request)
    form = OutboxFilterForm(request.GET or None)
    queryset = OutboxMessage.objects.all()
    if form.is_valid() and form.cleaned_data["status"]:
        queryset = queryset.filter(status=form.cleaned_data["status"])
    counts = dict(OutboxMessage.objects.order_by().values_list("status").annotate(n=Count("pk")))
    page = Paginator(queryset.defer("body_text", "body_html"), 50).get_page(request.GET.get("page"))
    states = [(value, label, counts.get(value, 0)) for value, label in OutboxMessage.Status.choices]
    return render(
        request,
        "notifications/staff_outbox.html",
        {"form": form, "page": page, "states": states, "now": timezone.now()},
    )


@login_required
@require_POST
def staff_outbox_resend(request, pk):
    message = get_message_for_staff(request, pk)
    if message.status == OutboxMessage.Status.FAILED and message.requeue():
        transaction.on_commit(lambda: enqueue_delivery(message.pk))
        messages.success(request, _("The e-mail is queued again."))
    else:
        messages.error(request, _("Only a failed e-mail can be sent again."))
    return redirect("notifications:staff_outbox")


@login_required
def staff_reminders(request):
    require_staff(request)
    round = Round.objects.current()
    now = timezone.now()
    rules = []
    form = None
    if round is not None:
        form = ReminderRuleForm(request.POST or None, round=round)
        if request.method == "POST" and form.is_valid():
            rule = form.save()
            messages.success(request, _("The reminder was added."))
            return redirect(rule)
        rules = list(
            ReminderRule.objects.filter(deadline__round=round)
            .select_related("deadline__round")
            .annotate(sent_count=Count("reminders"))
        )
    for rule in rules:
        rule.next_at = rule.next_send_at(now)
    return render(
        request,
        "notifications/staff_reminders.html",
        {"round": round, "rules": rules, "form": form, "now": now},
    )


@login_required
def staff_reminder(request, pk):
    rule = get_rule_for_staff(request, pk)
    now = timezone.now()
    schedule = [
        {"days_before": days, "at": at, "is_past": at <= now} for days, at in rule.schedule()
    ]
    upcoming = next((item for item in schedule if not item["is_past"]), None)
    upcoming_recipients = (
        list(pending_recipients(rule, upcoming["days_before"])[:200]) if upcoming else []
    )
    sent = list(rule.reminders.select_related("user", "message")[:200])
    # Bound after the schedule is read: a rejected form must not change what the page shows.
    form = ReminderRuleForm(request.POST or None, instance=rule, round=rule.deadline.round)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The reminder was saved."))
        return redirect(rule)
    return render(
        request,
        "notifications/staff_reminder.html",
        {
            "rule": rule,
            "form": form,
            "schedule": schedule,
            "upcoming": upcoming,
            "upcoming_recipients": upcoming_recipients,
            "sent": sent,
            "now": now,
        },
    )


@login_required
@require_POST
def staff_reminder_pause(request, pk):
    rule = get_rule_for_staff(request, pk)
    rule.set_paused(not rule.paused)
    if rule.paused:
        messages.success(request, _("The reminder is paused."))
    else:
        messages.success(request, _("The reminder is active again."))
    return redirect(rule)
