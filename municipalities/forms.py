from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from municipalities.models import County, Municipality


class GroupedMunicipalitySelect(forms.Select):
    """A native select grouped by county; static/js/select-filter.js adds a search box."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"data-filter": "true", **(attrs or {})})


class MunicipalityByCountyIterator(ModelChoiceIterator):
    """Optgroups per county, from one query."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[str, list] = {}
        for municipality in self.queryset:
            groups.setdefault(municipality.county.name, []).append(self.choice(municipality))
        yield from groups.items()


class MunicipalityChoiceField(forms.ModelChoiceField):
    widget = GroupedMunicipalitySelect
    iterator = MunicipalityByCountyIterator

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Municipality"))
        super().__init__(queryset=Municipality.objects.for_picker(), **kwargs)

    def label_from_instance(self, obj):
        # Herøy and Våler exist twice: the county stays in the label.
        return f"{obj.name} ({obj.county.name}) – {obj.number}"


class CountyChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("County council"))
        super().__init__(queryset=County.objects.filter(is_active=True), **kwargs)

    def label_from_instance(self, obj):
        return obj.council_name
