import io

import pytest

from accounts import demo as accounts_demo
from applications.models import Application
from jury import demo
from jury.models import Decision, JurySettings, Review, Score
from phases.demo import seed_round
from tests.factories import HandedInChallengeFactory, municipality

pytestmark = pytest.mark.django_db


def test_demo_seed_scores_every_challenge_and_publishes_once(django_capture_on_commit_callbacks):
    round = seed_round()
    accounts_demo.seed(round, stdout=io.StringIO())
    for number in ("3427", "1151", "1515", "1818", "3318"):
        HandedInChallengeFactory(round=round, municipality=municipality(number))

    with django_capture_on_commit_callbacks(execute=True):
        demo.seed(round, stdout=io.StringIO())
    counts = (Review.objects.count(), Score.objects.count(), Decision.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed(round, stdout=io.StringIO())

    # Seven jurors, five challenges, one recusal (Siva's juror and Utsira).
    assert counts == (34, 34 * 9, 5)
    assert (Review.objects.count(), Score.objects.count(), Decision.objects.count()) == counts
    assert Application.objects.filter(status="selected").count() == 3
    assert Application.objects.filter(status="not_selected").count() == 2
    assert JurySettings.objects.get(round=round).is_published is True
