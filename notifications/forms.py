from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.audiences import audience_choices
from notifications.models import OutboxMessage, ReminderRule


class OutboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All"))] + list(OutboxMessage.Status.choices),
    )


class ReminderRuleForm(forms.ModelForm):
    audience = forms.ChoiceField(label=_("Audience"), choices=audience_choices)

    class Meta:
        model = ReminderRule
        fields = [
            "deadline",
            "audience",
            "offsets",
            "send_time",
            "subject_nb",
            "subject_en",
            "message_nb",
            "message_en",
        ]
        widgets = {"send_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline"].queryset = round.deadlines.all()
