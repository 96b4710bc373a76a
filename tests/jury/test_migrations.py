import importlib

import pytest
from django.apps import apps

from jury.models import Criterion, ScaleStep, Score
from tests.factories import HandedInChallengeFactory, ReviewFactory, RoundFactory

pytestmark = pytest.mark.django_db

move = importlib.import_module("jury.migrations.0008_move_criteria_to_rounds")


def test_global_criteria_move_to_each_round_and_scores_follow():
    round = RoundFactory(slug="2020-2021", app_defaults=False)
    review = ReviewFactory(seat__round=round, application=HandedInChallengeFactory(round=round))
    default = Criterion.objects.defaults().get(key="roadmap")
    score = Score.objects.create(review=review, criterion=default, value=4)

    move.move_to_rounds(apps, None)

    score.refresh_from_db()
    assert (score.criterion.round, score.criterion.key, score.value) == (round, "roadmap", 4)
    assert (round.criteria.count(), round.scale_steps.count()) == (9, 5)
    assert (Criterion.objects.defaults().count(), ScaleStep.objects.defaults().count()) == (9, 5)
