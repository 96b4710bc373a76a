from django import forms
from django.utils.translation import gettext_lazy as _

from applications.models import Application
from briefs.models import Actor, BriefVersion


class BriefVersionForm(forms.ModelForm):
    class Meta:
        model = BriefVersion
        fields = [
            "background",
            "current_situation",
            "target_group_needs",
            "goals",
            "constraints",
            "success_criteria",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}


class ActorForm(forms.ModelForm):
    class Meta:
        model = Actor
        fields = ["name", "kind", "role", "influence", "interest", "contact"]


ActorFormSet = forms.formset_factory(ActorForm, extra=2, can_delete=True, max_num=100)


class OpenBriefForm(forms.Form):
    application = forms.ModelChoiceField(
        label=_("Selected municipality"), queryset=Application.objects.none()
    )

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = (
            Application.objects.for_round(round)
            .selected()
            .filter(brief__isnull=True)
            .select_related("municipality__county")
        )
        self.fields["application"].label_from_instance = lambda a: str(a.municipality)
