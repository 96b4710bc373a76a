from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from gnist import limits
from jury.models import (
    Conflict,
    Criterion,
    JurySeat,
    JurySettings,
    NotificationTemplate,
    ScaleStep,
)
from municipalities.models import County, Municipality

ABSTAIN = "abstain"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class JurySettingsForm(forms.ModelForm):
    class Meta:
        model = JurySettings
        fields = ["scoring_opens_at", "scoring_closes_at", "jurors_see_results", "quorum"]
        widgets = {"scoring_opens_at": DateTimeInput(), "scoring_closes_at": DateTimeInput()}


class JurorInvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)


class SeatForm(JurorInvitationForm):
    """A new seat for an organisation or an individual expert, optionally with an invitation."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Leave empty for an individual expert without an organisation."),
    )
    display_name = forms.CharField(
        label=_("Published name"),
        max_length=200,
        required=False,
        help_text=_("The juror's name as shown on the public round page. Required for an expert."),
    )
    field_order = ["organisation", "display_name", "email", "full_name"]

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True)
        self.fields["email"].required = False
        self.fields["email"].label = _("Invite by e-mail")
        self.fields["email"].help_text = _(
            "Optional: the person gets an e-mail with a link to take the seat."
        )

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        if organisation is None and not cleaned.get("display_name") and "organisation" in cleaned:
            self.add_error(
                "display_name", _("Give the expert's name, or choose an organisation above.")
            )
        if organisation and self.round.jury_seats.filter(organisation=organisation).exists():
            self.add_error("organisation", _("This organisation already has a seat in the round."))
        return cleaned


class ConflictForm(forms.ModelForm):
    """A juror's tie to exactly one municipality or one county."""

    class Meta:
        model = Conflict
        fields = ["municipality", "county", "kind", "note"]

    def __init__(self, *args, seat=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.seat = seat
        self.fields["municipality"].queryset = Municipality.objects.for_picker()
        self.fields["county"].queryset = County.objects.filter(is_active=True)
        # "Exactly one of municipality and county" is the model's check constraint,
        # which the form validates with its own message.

    def clean(self):
        cleaned = super().clean()
        seat = cleaned.get("seat") or self.seat
        target = {key: cleaned[key] for key in ("municipality", "county") if cleaned.get(key)}
        if seat and len(target) == 1 and seat.conflicts.filter(**target).exists():
            raise forms.ValidationError(_("This tie is already recorded."))
        return cleaned


class StaffConflictForm(ConflictForm):
    class Meta(ConflictForm.Meta):
        fields = ["seat", "municipality", "county", "kind", "note"]

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seat"].queryset = JurySeat.objects.filter(round=round).select_related(
            "organisation", "user"
        )
        self.fields["seat"].label_from_instance = lambda seat: f"{seat.user} ({seat.label})"


class ReviewForm(forms.Form):
    """One value (or an abstention) and an optional comment per criterion.

    A draft may leave criteria open; submitting needs every criterion answered.
    """

    comment = forms.CharField(
        label=_("Overall comment"),
        required=False,
        max_length=limits.MEDIUM,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, criteria, steps, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        choices = [(str(step.value), f"{step.value} – {step.label}") for step in steps]
        choices.append((ABSTAIN, _("Abstain")))
        existing = {score.criterion_id: score for score in review.scores.all()} if review else {}
        for criterion in criteria:
            score = existing.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.ChoiceField(
                label=criterion.name,
                help_text=criterion.guidance,
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                initial=(ABSTAIN if score.value is None else str(score.value)) if score else None,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion.name},
                required=False,
                max_length=limits.MEDIUM,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=score.comment if score else "",
            )
        if review:
            self.fields["comment"].initial = review.comment

    @property
    def submitting(self) -> bool:
        return "submit" in self.data

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            for criterion in self.criteria:
                if not cleaned.get(f"score_{criterion.pk}"):
                    self.add_error(
                        f"score_{criterion.pk}",
                        _("Give a score or choose to abstain before you submit."),
                    )
        return cleaned

    def criterion_rows(self):
        return [
            (criterion, self[f"score_{criterion.pk}"], self[f"comment_{criterion.pk}"])
            for criterion in self.criteria
        ]

    def values(self) -> dict[int, tuple[int | None, str]]:
        values = {}
        for criterion in self.criteria:
            choice = self.cleaned_data.get(f"score_{criterion.pk}")
            if not choice:
                continue
            value = None if choice == ABSTAIN else int(choice)
            values[criterion.pk] = (value, self.cleaned_data.get(f"comment_{criterion.pk}", ""))
        return values


class SelectionForm(forms.Form):
    """Staff pick the municipalities; a justification where the choice departs from the ranking."""

    def __init__(self, *args, ranking, applications, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for result in ranking:
            application = applications[result.application_id]
            decision = decisions.get(application.pk)
            select = forms.BooleanField(
                label=_("Select %(municipality)s") % {"municipality": application.municipality},
                required=False,
                initial=decision is not None,
            )
            justification = forms.CharField(
                label=_("Justification for %(municipality)s")
                % {"municipality": application.municipality},
                required=False,
                max_length=limits.SHORT,
                widget=forms.Textarea(attrs={"rows": 1}),
                initial=decision.justification if decision else "",
            )
            self.fields[f"select_{application.pk}"] = select
            self.fields[f"justification_{application.pk}"] = justification
            self.rows.append((result, application))

    def bound_rows(self):
        return [
            (
                result,
                application,
                self[f"select_{application.pk}"],
                self[f"justification_{application.pk}"],
            )
            for result, application in self.rows
        ]

    def selected(self):
        return [
            application
            for _result, application in self.rows
            if self.cleaned_data.get(f"select_{application.pk}")
        ]

    def justifications(self) -> dict[int, str]:
        return {
            application.pk: self.cleaned_data.get(f"justification_{application.pk}", "").strip()
            for _result, application in self.rows
        }


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked the selection and want to publish it now."), required=True
    )
    attach_profiles = forms.BooleanField(
        label=_("Attach each municipality's score profile (PDF) to its e-mail"), required=False
    )


class NotificationTemplateForm(forms.ModelForm):
    class Meta:
        model = NotificationTemplate
        fields = ["subject_nb", "body_nb", "subject_en", "body_en"]
        widgets = {
            "body_nb": forms.Textarea(attrs={"rows": 5}),
            "body_en": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "body_nb": _("You can use {{ municipality }}, {{ title }} and {{ round }}."),
        }


def scale_steps(round):
    return list(ScaleStep.objects.for_round(round))


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["order", "key", "name_nb", "name_en", "guidance_nb", "guidance_en", "weight"]
        widgets = {
            "guidance_nb": forms.Textarea(attrs={"rows": 2}),
            "guidance_en": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        cleaned = super().clean()
        if self.cleaned_data.get("DELETE") and self.instance.pk and self.instance.scores.exists():
            raise forms.ValidationError(
                _("Jurors have scored on this criterion, so it cannot be removed.")
            )
        return cleaned


class ScaleStepForm(forms.ModelForm):
    class Meta:
        model = ScaleStep
        fields = ["value", "label_nb", "label_en"]


class BaseRoundRowsFormSet(forms.BaseModelFormSet):
    """One round's rows; keys (criteria) and values (scale) are unique within it."""

    unique_field = ""

    def __init__(self, *args, round, **kwargs):
        self.round = round
        super().__init__(*args, **kwargs)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # Before validation, so the (round, key) and (round, value) constraints see the round.
        form.instance.round = self.round
        return form

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            value = form.cleaned_data.get(self.unique_field)
            if value is None or value == "":
                continue
            if value in seen:
                form.add_error(self.unique_field, _("This is already used in this round."))
            seen.add(value)


class CriterionFormSet(
    forms.modelformset_factory(
        Criterion, form=CriterionForm, formset=BaseRoundRowsFormSet, extra=1, can_delete=True
    )
):
    unique_field = "key"


class ScaleStepFormSet(
    forms.modelformset_factory(
        ScaleStep, form=ScaleStepForm, formset=BaseRoundRowsFormSet, extra=1, can_delete=True
    )
):
    unique_field = "value"
