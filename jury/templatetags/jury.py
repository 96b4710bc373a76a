from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def score(value):
    """Two decimals, or a dash for a missing value (never zero)."""
    if value is None:
        return "–"
    return number_format(value, 2)


@register.filter
def signed_score(value):
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + number_format(value, 2)


@register.filter
def alpha_name(_value):
    return _("Krippendorff's alpha, interval")


@register.simple_tag
def tie_break_label(key):
    labels = {
        "median": _("Tie broken by median"),
        "score_count": _("Tie broken by number of scores"),
        "submitted_first": _("Tie broken by submission time"),
    }
    return labels.get(key, "")


@register.simple_tag
def challenge_field(application, name):
    """A ``<dt>``/``<dd>`` pair for one text field of the challenge."""
    field = application._meta.get_field(name)
    value = getattr(application, name) or "–"
    return format_html(
        "<dt>{}</dt><dd>{}</dd>",
        field.verbose_name[:1].upper() + field.verbose_name[1:],
        linebreaksbr(value, autoescape=True),
    )
