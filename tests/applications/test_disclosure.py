"""Disclosure (issue 11): existence oracles, the public page, text limits."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from applications import services
from applications.forms import CountySupportForm, ReasonForm
from applications.models import CountySupport
from gnist import limits
from tests.factories import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["applications:detail", "applications:pdf"])
def test_anonymous_cannot_tell_a_draft_from_a_missing_challenge(client, tynset_draft, url_name):
    existing = client.get(reverse(url_name, args=[tynset_draft.pk]))
    missing = client.get(reverse(url_name, args=[tynset_draft.pk + 1000]))

    assert (existing.status_code, missing.status_code) == (404, 404)


def test_public_page_of_a_selected_challenge_shows_no_personal_email(
    client, english, selected_application, municipality_user
):
    selected_application.project_leader = municipality_user
    selected_application.save(update_fields=["project_leader"])
    municipality_user.full_name = "Ingrid Lie"
    municipality_user.save(update_fields=["full_name"])

    response = client.get(reverse("applications:detail", args=[selected_application.pk]))

    rows = dict(response.context["rows"])
    assert response.status_code == 200
    assert rows["project leader"] == "Ingrid Lie"
    assert municipality_user.email.encode() not in response.content


def test_own_municipality_still_sees_the_project_leaders_email(
    client_as, english, municipality_user, tynset_draft
):
    tynset_draft.project_leader = municipality_user
    tynset_draft.save(update_fields=["project_leader"])
    municipality_user.full_name = "Ingrid Lie"
    municipality_user.save(update_fields=["full_name"])

    response = client_as("municipality_user").get(
        reverse("applications:detail", args=[tynset_draft.pk])
    )

    assert dict(response.context["rows"])["project leader"] == (
        f"Ingrid Lie <{municipality_user.email}>"
    )


@pytest.mark.parametrize(
    "form_class, field, limit",
    [(CountySupportForm, "statement", limits.MEDIUM), (ReasonForm, "reason", limits.SHORT)],
)
def test_free_text_forms_refuse_text_over_the_limit_and_say_so(english, form_class, field, limit):
    form = form_class({field: "x" * (limit + 1)})

    assert form.is_valid() is False
    assert form.errors[field] == [
        f"Ensure this value has at most {limit} characters (it has {limit + 1})."
    ]
    assert form[field].field.widget.attrs["maxlength"] == str(limit)


def test_the_database_refuses_a_county_statement_over_the_limit(tynset_submitted, county_user):
    with pytest.raises(ValidationError) as error:
        CountySupport(
            application=tynset_submitted, confirmed_by=county_user, statement="x" * 3001
        ).full_clean()
    services.confirm_county_support(tynset_submitted, by=county_user, statement="x" * 3000)

    assert list(error.value.message_dict) == ["statement"]
    assert len(CountySupport.objects.get().statement) == 3000


def test_a_statement_over_the_limit_never_reaches_the_database(tynset_submitted, county_user):
    with pytest.raises(IntegrityError), transaction.atomic():
        services.confirm_county_support(tynset_submitted, by=county_user, statement="x" * 3001)

    assert CountySupport.objects.count() == 0


def test_pdf_html_polyglot_named_html_is_refused_as_a_challenge_attachment(
    tynset_draft, municipality_user, media_root
):
    polyglot = PDF_BYTES + b"<html><script>alert(1)</script></html>"

    with pytest.raises(ValidationError):
        services.add_attachment(
            tynset_draft,
            SimpleUploadedFile("vedtak.html", polyglot, content_type="text/html"),
            kind="other",
            by=municipality_user,
        )

    assert tynset_draft.attachments.count() == 0


def test_jury_route_never_serves_a_stored_attachment_as_html(
    client_as, juror, tynset_attachment_for_jury
):
    tynset_attachment_for_jury.content_type = "text/html"
    tynset_attachment_for_jury.original_name = "vedtak.html"
    tynset_attachment_for_jury.save(update_fields=["content_type", "original_name"])
    url = reverse(
        "jury:attachment",
        args=[tynset_attachment_for_jury.application_id, tynset_attachment_for_jury.pk],
    )

    response = client_as("juror").get(url)

    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "application/octet-stream",
        'attachment; filename="vedtak.html"',
    )
