import re

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError

from briefs.exports import actor_grid
from briefs.models import Brief, BriefVersion
from briefs.services import open_brief, save_version
from briefs.tasks import render_version_pdf
from tests.briefs.content import ACTORS, CONTENT, pdf_text
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_open_brief_refuses_a_challenge_that_was_not_selected(current_round, tynset):
    draft = ApplicationFactory(round=current_round, municipality=tynset)

    with pytest.raises(ValidationError) as error:
        open_brief(draft)

    assert error.value.messages == ["Bare en utvalgt kommune skriver behovsbeskrivelse."]
    assert Brief.objects.count() == 0


def test_open_brief_twice_returns_the_same_brief(tynset_brief):
    assert open_brief(tynset_brief.application) == tynset_brief


def test_saving_makes_a_new_version_and_keeps_the_old_one(
    tynset_brief_v1, municipality_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        second = save_version(
            tynset_brief_v1.brief,
            content={**CONTENT, "goals": "Nye mål"},
            actors=ACTORS[:2],
            by=municipality_user,
        )

    first = BriefVersion.objects.get(pk=tynset_brief_v1.pk)
    assert (first.number, second.number) == (1, 2)
    assert (first.goals, second.goals) == (CONTENT["goals"], "Nye mål")
    assert (first.actors.count(), second.actors.count()) == (5, 2)
    assert tynset_brief_v1.brief.current_version == second


def test_version_pdf_has_title_municipality_norwegian_letters_and_every_actor(tynset_brief_v1):
    version = BriefVersion.objects.get(pk=tynset_brief_v1.pk)

    text = pdf_text(bytes(version.pdf))

    assert version.pdf_status == "ready"
    assert bytes(version.pdf).startswith(b"%PDF-")
    assert "Behovsbeskrivelse og aktørkartlegging: Tynset" in text
    assert "Tynset (3427)" in text
    assert "Nord-Østerdalen" in text
    assert "fredede bygg i Bergmannsgata" in text
    assert [actor["name"] in text for actor in ACTORS] == [True] * 5
    assert re.findall(r"\b(\d) ?/ ?(\d)\b", text) == [("1", "3"), ("2", "3"), ("3", "3")]
    assert "Innhold" in text


def test_actor_grid_places_each_actor_by_influence_and_interest(tynset_brief_v1):
    grid = actor_grid(list(tynset_brief_v1.actors.all()))

    names = [[[a.name for a in cell] for cell in row["cells"]] for row in grid]
    assert [row["influence"] for row in grid] == ["Høy", "Middels", "Lav"]
    assert names == [
        [[], [], ["Tynset kommune"]],
        [["Sørøst Idrettslag"], [], ["Tynset Næringsforening"]],
        [[], ["Høgskolen i Innlandet"], ["Ungdomsrådet"]],
    ]


def test_broken_template_fails_the_render_visibly_without_a_file(
    tynset_brief, municipality_user, settings, tmp_path, django_capture_on_commit_callbacks
):
    broken = tmp_path / "briefs" / "pdf"
    broken.mkdir(parents=True)
    (broken / "brief.html").write_text(
        "{% extends 'pdf/base.html' %}{% block content %}{% url 'no-such-page' %}"
        "{% endblock content %}"
    )
    settings.TEMPLATES = [
        {**django_settings.TEMPLATES[0], "DIRS": [tmp_path, *django_settings.TEMPLATES[0]["DIRS"]]}
    ]

    with django_capture_on_commit_callbacks(execute=True):
        version = save_version(tynset_brief, content=CONTENT, actors=ACTORS, by=municipality_user)

    version.refresh_from_db()
    assert version.pdf_status == "failed"
    assert version.pdf is None
    assert version.pdf_error.startswith("NoReverseMatch: Reverse for 'no-such-page' not found.")


def test_render_task_twice_renders_once(tynset_brief_v1):
    outcome = render_version_pdf.delay(version_id=tynset_brief_v1.pk).get()

    assert outcome == "skipped"
