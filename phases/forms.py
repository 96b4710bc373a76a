from django import forms
from django.utils.translation import gettext_lazy as _

from phases.capabilities import format_moment
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].required = True
        self.fields["number"].error_messages["required"] = _("Give the phase a number from 1 to 5.")
        self.fields["number"].widget.attrs.update(min=1, max=5)

    def clean_number(self):
        number = self.cleaned_data.get("number")
        if number is None or not 1 <= number <= 5:
            raise forms.ValidationError(_("Give the phase a number from 1 to 5."))
        return number

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


def _kept(formset):
    """The forms that will be saved: valid, filled in and not marked for deletion."""
    return [
        form
        for form in formset.forms
        if form.has_changed() or form.instance.pk
        if not (formset.can_delete and formset._should_delete_form(form))
        if hasattr(form, "cleaned_data")
    ]


class BasePhaseFormSet(forms.BaseInlineFormSet):
    """Phases of one round: numbers 1–5 once each, and no two phases at the same time."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        seen = {}
        phases = []
        for form in _kept(self):
            number = form.cleaned_data.get("number")
            if number in seen:
                form.add_error(
                    "number", _("Phase %(number)s is already in this round.") % {"number": number}
                )
            seen[number] = form
            starts_at, ends_at = (
                form.cleaned_data.get("starts_at"),
                form.cleaned_data.get("ends_at"),
            )
            if starts_at and ends_at:
                phases.append((starts_at, ends_at, form))
        phases.sort(key=lambda item: item[0])
        latest = None
        for start, end, form in phases:
            if latest is not None and start < latest[0]:
                other = latest[1]
                form.add_error(
                    "starts_at",
                    _("This phase overlaps phase %(number)s, which ends %(end)s.")
                    % {"number": other.cleaned_data["number"], "end": format_moment(latest[0])},
                )
            if latest is None or end > latest[0]:
                latest = (end, form)

    def span(self):
        """The round's first start and last end as typed, or (None, None)."""
        times = [
            (form.cleaned_data["starts_at"], form.cleaned_data["ends_at"])
            for form in _kept(self)
            if form.cleaned_data.get("starts_at") and form.cleaned_data.get("ends_at")
        ]
        if not times:
            return None, None
        return min(start for start, _end in times), max(end for _start, end in times)


class BaseDeadlineFormSet(forms.BaseInlineFormSet):
    def check_inside(self, start, end) -> bool:
        """Refuse deadlines before the round's first phase starts or after its last ends."""
        if start is None:
            return True
        valid = True
        for form in _kept(self):
            at = form.cleaned_data.get("at")
            if at and not start <= at <= end:
                form.add_error(
                    "at",
                    _("The deadline must fall inside the round: %(start)s to %(end)s.")
                    % {"start": format_moment(start), "end": format_moment(end)},
                )
                valid = False
        return valid


PhaseFormSet = forms.inlineformset_factory(
    Round,
    Phase,
    form=PhaseForm,
    formset=BasePhaseFormSet,
    extra=1,
    min_num=0,
    max_num=5,
    can_delete=True,
)
DeadlineFormSet = forms.inlineformset_factory(
    Round, Deadline, form=DeadlineForm, formset=BaseDeadlineFormSet, extra=1, can_delete=True
)


class NewRoundForm(forms.Form):
    """A new round: from a template round, every date moved, or from the programme's phases."""

    name = forms.CharField(label=_("Name"), max_length=100)
    slug = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=50,
        help_text=_("Letters, digits and hyphens, e.g. 2027-2028."),
    )
    template = forms.ModelChoiceField(
        label=_("Copy from"),
        queryset=Round.objects.none(),
        required=False,
        empty_label=_("No template: the programme's five phases"),
        help_text=_(
            "Phases, deadlines, criteria, scale, jury settings, e-mail texts and reminders "
            "are copied, every date moved to the new start."
        ),
    )
    starts_on = forms.DateField(
        label=_("Starts"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The day the first phase starts, e.g. 1 October."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rounds = Round.objects.with_span().order_by("-span_start")
        self.fields["template"].queryset = rounds
        latest = rounds.first()
        if latest is not None and not self.is_bound:
            self.initial.setdefault("template", latest.pk)

    def clean_name(self):
        name = self.cleaned_data["name"]
        if Round.objects.filter(name=name).exists():
            raise forms.ValidationError(_("A round with this name exists already."))
        return name

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Round.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("A round with this short name exists already."))
        return slug
