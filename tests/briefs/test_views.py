import pytest
from django.urls import reverse

from briefs.models import Brief, BriefVersion
from briefs.services import open_brief
from tests.briefs.content import ACTORS, CONTENT
from tests.factories import municipality, submitted_application

pytestmark = pytest.mark.django_db


def edit_data(actors, *, initial=0, **changes):
    data = {**CONTENT, **changes}
    data.update(
        {
            "actors-TOTAL_FORMS": str(len(actors)),
            "actors-INITIAL_FORMS": str(initial),
            "actors-MIN_NUM_FORMS": "0",
            "actors-MAX_NUM_FORMS": "100",
        }
    )
    for index, actor in enumerate(actors):
        for key, value in actor.items():
            data[f"actors-{index}-{key}"] = value
    return data


def test_municipality_member_saves_the_first_version_with_its_actors(
    client_as, tynset_brief, django_capture_on_commit_callbacks
):
    client = client_as("colleague_user")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("briefs:edit", args=[tynset_brief.pk]), edit_data([*ACTORS[:2], {}])
        )

    version = tynset_brief.versions.get()
    assert response.status_code == 302
    assert response.url == reverse("briefs:detail", args=[tynset_brief.pk])
    assert version.created_by.email == "per@tynset.kommune.no"
    assert list(version.actors.values_list("name", "influence", "interest")) == [
        ("Tynset kommune", 3, 3),
        ("Tynset Næringsforening", 2, 3),
    ]
    assert version.pdf_status == "ready"


def test_edit_form_starts_from_the_current_version_and_delete_drops_an_actor(
    client_as, tynset_brief_v1, django_capture_on_commit_callbacks
):
    client = client_as("municipality_user")
    url = reverse("briefs:edit", args=[tynset_brief_v1.brief_id])
    page = client.get(url)
    actors = [dict(actor) for actor in ACTORS]
    actors[4]["DELETE"] = "on"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, edit_data(actors, initial=5, goals="Oppdaterte mål"))

    latest = tynset_brief_v1.brief.current_version
    assert page.context["form"].initial["goals"] == CONTENT["goals"]
    assert len(page.context["formset"].initial) == 5
    assert (latest.number, latest.goals, latest.actors.count()) == (2, "Oppdaterte mål", 4)


def test_invalid_influence_re_renders_the_form_and_saves_nothing(client_as, tynset_brief):
    actors = [{**ACTORS[0], "influence": "7"}]

    response = client_as("municipality_user").post(
        reverse("briefs:edit", args=[tynset_brief.pk]), edit_data(actors)
    )

    assert response.status_code == 200
    assert response.context["formset"].errors[0]["influence"] == [
        "Velg et gyldig valg. 7 er ikke et av de tilgjengelige valgene."
    ]
    assert BriefVersion.objects.count() == 0


def test_county_council_downloads_the_pdf_as_an_attachment(client_as, tynset_brief_ready):
    response = client_as("county_user").get(
        reverse("briefs:version_pdf", args=[tynset_brief_ready.brief_id, 1])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="gnist-behov-3427-v1.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == b"%PDF-1.7\n%%EOF\n"


def test_staff_opens_a_brief_for_a_selected_municipality(client_as, current_round, tynset):
    application = submitted_application(
        round=current_round, municipality=tynset, title="Levende sentrum", status="selected"
    )

    response = client_as("staff").post(
        reverse("briefs:staff_open"), {"application": application.pk}
    )

    brief = Brief.objects.get()
    assert (brief.municipality, brief.round) == (tynset, current_round)
    assert response.url == reverse("briefs:detail", args=[brief.pk])


def test_staff_sees_the_error_of_a_failed_pdf_and_makes_it_again(
    client_as, tynset_brief_v1, django_capture_on_commit_callbacks
):
    tynset_brief_v1.mark_pdf_failed("TemplateSyntaxError: Invalid block tag 'endblok'")
    client = client_as("staff")
    page = client.get(reverse("briefs:detail", args=[tynset_brief_v1.brief_id]))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("briefs:staff_rerender", args=[tynset_brief_v1.brief_id, 1]))

    tynset_brief_v1.refresh_from_db()
    assert "TemplateSyntaxError: Invalid block tag &#x27;endblok&#x27;" in page.content.decode()
    assert tynset_brief_v1.pdf_status == "ready"


@pytest.mark.parametrize("item_count", [1, 3])
def test_brief_list_query_count_does_not_grow(
    client_as, current_round, django_assert_num_queries, item_count
):
    client = client_as("staff")
    for number in ["3427", "1151", "1515"][:item_count]:
        application = submitted_application(
            round=current_round,
            municipality=municipality(number),
            status="selected",
        )
        open_brief(application)

    with django_assert_num_queries(7):
        response = client.get(reverse("briefs:list"))

    assert len(response.context["briefs"]) == item_count
