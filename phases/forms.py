from django import forms
from django.utils.translation import gettext_lazy as _

from phases.models import Deadline, Phase, Round


class DateTimeInput(forms.DateTimeInput):
    """A native date-and-time picker; values are read and shown in Europe/Oslo."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class RoundForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = [
            "name",
            "slug",
            "intro_nb",
            "intro_en",
            "contact_name",
            "contact_email",
            "is_current",
            "is_published",
            "max_challenges_per_municipality",
            "selected_municipality_count",
        ]
        widgets = {
            "intro_nb": forms.Textarea(attrs={"rows": 4}),
            "intro_en": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_is_current(self):
        is_current = self.cleaned_data["is_current"]
        others = Round.objects.filter(is_current=True)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if is_current and others.exists():
            raise forms.ValidationError(
                _("%(round)s is already pinned as current. Unpin it first.")
                % {"round": others.first()}
            )
        return is_current


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = [
            "number",
            "name_nb",
            "name_en",
            "description_nb",
            "description_en",
            "starts_at",
            "ends_at",
            "workshop_registration_open",
            "accepts_applications",
            "jury_scoring_open",
            "accepts_proposals",
            "partners_can_follow",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description_nb": forms.Textarea(attrs={"rows": 2}),
            "description_en": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The phase must end after it starts."))
        return cleaned


class DeadlineForm(forms.ModelForm):
    class Meta:
        model = Deadline
        fields = ["key", "name_nb", "name_en", "at"]
        widgets = {"at": DateTimeInput()}


PhaseFormSet = forms.inlineformset_factory(
    Round, Phase, form=PhaseForm, extra=0, min_num=0, max_num=5, can_delete=True
)
DeadlineFormSet = forms.inlineformset_factory(
    Round, Deadline, form=DeadlineForm, extra=1, can_delete=True
)
