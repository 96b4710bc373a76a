from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.formats import get_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def score(value):
    """Two decimals, or a dash for a missing value (never zero).

    A lookup that finds nothing (a juror without scores yet) arrives as "".
    """
    if value is None or value == "":
        return "–"
    return f"{value:.2f}".replace(".", get_format("DECIMAL_SEPARATOR"))


@register.filter
def signed_score(value):
    if value is None or value == "":
        return "–"
    return f"{value:+.2f}".replace(".", get_format("DECIMAL_SEPARATOR"))


@register.filter
def alpha_name(_value):
    return _("Krippendorff's alpha, interval")


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


RANKING_ROW = (
    '<tr><td>{}</td><th scope="row">{}</th><td>{}</td><td>{}</td>'
    '<td class="text-end">{}</td><td class="text-end">{}</td><td class="text-end">{}</td>'
    '<td class="text-end">{}</td><td class="text-end">{}</td><td class="text-end">{}</td>'
    '<td class="text-end">{}</td><td>{}</td></tr>'
)


@register.simple_tag
def ranking_body(rows, below_quorum_label):
    """The ranking's table rows.

    Built with format_html_join rather than a template loop: hundreds of rows of
    twelve cells cost the template engine over 100 ms, this a few ms. Every
    value is escaped.
    """

    def cells(row):
        name = (
            format_html('<a href="{}">{}</a>', row["url"], row["municipality"])
            if row["url"]
            else row["municipality"]
        )
        notes = []
        if row["below_quorum"]:
            notes.append(
                format_html('<span class="badge text-bg-warning">{}</span>', below_quorum_label)
            )
        if row["tie_break"]:
            notes.append(
                format_html('<span class="badge text-bg-secondary">{}</span>', row["tie_break"])
            )
        return (
            row["rank"],
            name,
            row["county"],
            row["title"],
            row["total"],
            row["mean"],
            row["median"],
            row["spread"],
            row["scores"],
            row["recusals"],
            row["normalised_rank"],
            mark_safe(" ".join(notes)),  # each note comes from format_html
        )

    return format_html_join("\n", RANKING_ROW, (cells(row) for row in rows))
