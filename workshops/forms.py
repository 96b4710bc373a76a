from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gnist import uploads
from phases.forms import DateTimeInput
from workshops.models import Material, Registration, Workshop

# Workshop materials: the portal's upload policy, without spreadsheets.
MATERIAL_TYPES = {
    mime: endings for mime, endings in uploads.ALLOWED_TYPES.items() if mime != uploads.XLSX
}


def https_links(field, **kwargs):
    """Links typed without a scheme are taken as https://."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        formfield_callback = https_links
        fields = [
            "phase",
            "title_nb",
            "title_en",
            "description_nb",
            "description_en",
            "starts_at",
            "ends_at",
            "meeting_url",
            "capacity",
            "audience",
            "counts_for_obligation",
            "registration_deadline",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "registration_deadline": DateTimeInput(),
            "description_nb": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.round = round
        self.fields["phase"].queryset = round.phases.all()

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The workshop must end after it starts."))
        if (
            cleaned.get("counts_for_obligation")
            and cleaned.get("audience") != Workshop.Audience.SELECTED
        ):
            self.add_error(
                "counts_for_obligation",
                _("Only workshops for the selected municipalities can be obligation workshops."),
            )
        return cleaned


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["full_name", "email", "department", "language"]
        help_texts = {"language": _("The confirmation e-mail is sent in this language.")}


class RegistrationChangeForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["full_name", "department", "language"]


class AttendanceForm(forms.Form):
    attended = forms.ModelMultipleChoiceField(
        label=_("Attended"),
        queryset=Registration.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].queryset = workshop.registrations.confirmed()


class MaterialForm(forms.ModelForm):
    class Meta:
        model = Material
        formfield_callback = https_links
        fields = ["kind", "title_nb", "title_en", "url", "file"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or not hasattr(upload, "content_type"):
            return upload  # empty, or the file already stored
        checked = uploads.check_upload(
            upload, max_bytes=settings.WORKSHOP_MATERIAL_MAX_BYTES, allowed=MATERIAL_TYPES
        )
        upload.name = checked.name
        upload.content_type = checked.content_type
        return upload

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Material.Kind.RECORDING:
            if not cleaned.get("url"):
                self.add_error("url", _("A recording needs a link."))
            cleaned["file"] = ""
        elif kind == Material.Kind.FILE:
            if not cleaned.get("file") and "file" not in self.errors:
                self.add_error("file", _("Choose a file to upload."))
            cleaned["url"] = ""
        return cleaned

    def save(self, commit=True):
        material = super().save(commit=False)
        if material.kind == Material.Kind.FILE:
            upload = self.cleaned_data["file"]
            material.original_name = upload.name
            material.content_type = upload.content_type
            material.size = upload.size
        else:
            material.file = ""
        if commit:
            material.save()
        return material


class CoverageForm(forms.Form):
    workshop = forms.ModelChoiceField(
        label=_("Workshop"),
        queryset=Workshop.objects.none(),
        required=False,
        empty_label=_("Any workshop this round"),
    )

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = Workshop.objects.in_round(round)
