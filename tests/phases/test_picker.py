"""The round a page is about: asked for in the URL, else remembered, else the current one."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.http import Http404
from django.test import RequestFactory

from phases.models import Round
from phases.picker import SESSION_KEY, choose_round, posted_round

pytestmark = pytest.mark.django_db


def get(query="", session=None):
    request = RequestFactory().get(f"/?{query}")
    request.session = session if session is not None else SessionStore()
    return request


def post(data, session=None):
    request = RequestFactory().post("/", data)
    request.session = session if session is not None else SessionStore()
    return request


def test_without_a_choice_the_current_round_is_shown_newest_first_in_the_picker(
    current_round, last_round
):
    choice = choose_round(get())

    assert choice.round == current_round
    assert [round.slug for round in choice.rounds] == ["2026-2027", "2025-2026"]
    assert choice.has_choice


def test_a_round_asked_for_in_the_url_is_shown_and_remembered(current_round, last_round):
    session = SessionStore()

    asked = choose_round(get("round=2025-2026", session))
    later = choose_round(get("", session))

    assert (asked.round, later.round) == (last_round, last_round)
    assert asked.query == "round=2025-2026"


def test_an_unknown_round_in_the_url_is_404(current_round):
    with pytest.raises(Http404):
        choose_round(get("round=1999-2000"))


def test_a_remembered_round_outside_the_offered_ones_is_not_shown(current_round, last_round):
    session = SessionStore()
    session[SESSION_KEY] = last_round.slug

    choice = choose_round(get("", session), Round.objects.filter(pk=current_round.pk))

    assert choice.round == current_round
    assert not choice.has_choice


def test_a_post_acts_on_the_round_its_form_names_not_the_remembered_one(current_round, last_round):
    session = SessionStore()
    session[SESSION_KEY] = last_round.slug

    assert posted_round(post({"round": current_round.slug}, session)) == current_round
    assert posted_round(post({}, session)) == current_round


def test_a_post_naming_a_round_outside_the_offered_ones_is_404(current_round, last_round):
    with pytest.raises(Http404):
        posted_round(post({"round": last_round.slug}), Round.objects.filter(pk=current_round.pk))
