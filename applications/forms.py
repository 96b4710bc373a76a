from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from applications.models import (
    Application,
    Attachment,
    Commitment,
    RoadmapPrinciple,
    SustainableDevelopmentGoal,
)
from gnist import limits
from municipalities.models import County, Municipality
from phases.forms import DateTimeInput


class ApplicationForm(forms.ModelForm):
    """The challenge form. Every field is optional while drafting: completeness is checked
    on submit (applications.services.missing_for_submission), so a draft saves whatever
    has been typed so far."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    commitments = forms.MultipleChoiceField(
        label=_("The municipality commits to the following if selected"),
        choices=Commitment.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Application
        fields = [
            "title",
            "summary",
            "challenge",
            "project",
            "project_stage",
            "project_timeline",
            "goals",
            "roadmap_principles",
            "roadmap_rationale",
            "sdgs",
            "sdg_rationale",
            "resources_people",
            "resources_hours",
            "resources_nok",
            "resources_description",
            "anchoring",
            "anchoring_description",
            "involvement",
            "technology",
            "project_leader",
            "departments",
            "county_involvement",
            "commitments",
            "shared_with_county",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "challenge": forms.Textarea(attrs={"rows": 6}),
            "project": forms.Textarea(attrs={"rows": 4}),
            "project_timeline": forms.Textarea(attrs={"rows": 2}),
            "goals": forms.Textarea(attrs={"rows": 4}),
            "roadmap_principles": forms.CheckboxSelectMultiple,
            "roadmap_rationale": forms.Textarea(attrs={"rows": 3}),
            "sdgs": forms.CheckboxSelectMultiple,
            "sdg_rationale": forms.Textarea(attrs={"rows": 3}),
            "resources_description": forms.Textarea(attrs={"rows": 3}),
            "anchoring_description": forms.Textarea(attrs={"rows": 3}),
            "involvement": forms.Textarea(attrs={"rows": 4}),
            "technology": forms.Textarea(attrs={"rows": 3}),
            "departments": forms.Textarea(attrs={"rows": 2}),
            "county_involvement": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "summary": _("Two or three sentences the jury reads first."),
            "departments": _("At least planning and business development."),
            "shared_with_county": _(
                "The county council sees the content once it is submitted. Tick this to let "
                "it read the draft too."
            ),
            "resources_nok": _("Money set aside, in Norwegian kroner."),
        }

    def __init__(self, *args, application: Application, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("base_version", application.version)
        super().__init__(*args, instance=application, **kwargs)
        self.fields["project_leader"].queryset = User.objects.filter(
            municipality_memberships__municipality_id=application.municipality_id, is_active=True
        ).order_by("full_name")
        self.fields["roadmap_principles"].queryset = RoadmapPrinciple.objects.all()
        self.fields["sdgs"].queryset = SustainableDevelopmentGoal.objects.all()
        for name in ("resources_people", "resources_hours", "resources_nok"):
            self.fields[name].widget.attrs.update({"min": 0, "inputmode": "numeric"})


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Attachment.Kind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, XLSX, PPTX, JPEG, PNG, GIF or WebP, at most 10 MB."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=limits.SHORT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StaffStatusForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"), choices=Application.Status.choices)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=limits.SHORT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CountySupportForm(forms.Form):
    statement = forms.CharField(
        label=_("Statement (optional)"),
        required=False,
        max_length=limits.MEDIUM,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the county council contributes: people, money, planning support."),
    )


class ExtensionForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.for_picker(),
        widget=forms.Select(attrs={"data-filter": "true"}),
    )
    until = forms.DateTimeField(label=_("Extended until"), widget=DateTimeInput())
    reason = forms.CharField(
        label=_("Reason"), max_length=limits.SHORT, widget=forms.Textarea(attrs={"rows": 2})
    )


class StaffFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    county = forms.ModelChoiceField(
        label=_("County"), queryset=County.objects.filter(is_active=True), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *Application.Status.choices],
        required=False,
    )
    sdg = forms.ModelChoiceField(
        label=_("UN Sustainable Development Goal"),
        queryset=SustainableDevelopmentGoal.objects.all(),
        required=False,
    )
    principle = forms.ModelChoiceField(
        label=_("Roadmap principle"), queryset=RoadmapPrinciple.objects.all(), required=False
    )

    def filter(self, applications):
        if not self.is_valid():
            return applications
        data = self.cleaned_data
        if data["q"]:
            applications = applications.search(data["q"])
        if data["county"]:
            applications = applications.in_county(data["county"])
        if data["status"]:
            applications = applications.filter(status=data["status"])
        if data["sdg"]:
            applications = applications.filter(sdgs=data["sdg"])
        if data["principle"]:
            applications = applications.filter(roadmap_principles=data["principle"])
        return applications
