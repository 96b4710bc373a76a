from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, ErasureRequest, User
from municipalities.forms import CountyChoiceField, MunicipalityChoiceField


class SignupForm(AllauthSignupForm):
    full_name = forms.CharField(label=_("Full name"), max_length=200)

    field_order = ["full_name", "email", "password1", "password2"]

    def save(self, request):
        user = super().save(request)
        user.full_name = self.cleaned_data["full_name"]
        user.save(update_fields=["full_name"])
        return user


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "language"]


class ErasureRequestForm(forms.ModelForm):
    confirm = forms.BooleanField(
        label=_("I understand that my account will be deleted and cannot be restored."),
    )

    class Meta:
        model = ErasureRequest
        fields = ["reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3, "maxlength": 2000})}


class MunicipalityInvitationForm(forms.Form):
    """A project leader (or staff) invites a colleague to their own municipality."""

    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail address"))
    department = forms.ChoiceField(label=_("Department"), choices=Department.choices)


class StaffInvitationForm(forms.Form):
    TARGETS = [
        ("municipality", _("A municipality")),
        ("county", _("A county council")),
        ("organisation", _("An organisation (partner or business)")),
    ]

    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail address"))
    target = forms.ChoiceField(
        label=_("Invite to"), choices=TARGETS, widget=forms.RadioSelect, initial="municipality"
    )
    municipality = MunicipalityChoiceField(required=False)
    department = forms.ChoiceField(
        label=_("Department"), choices=Department.choices, required=False, initial="other"
    )
    make_project_leader = forms.BooleanField(
        label=_("Project leader for the current round"), required=False
    )
    county = CountyChoiceField(required=False)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("target")
        if target and not cleaned.get(target):
            self.add_error(target, _("Choose where to invite the person."))
        if target != "municipality":
            cleaned["make_project_leader"] = False
        return cleaned
