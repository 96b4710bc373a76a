import pytest
from django.core.management import call_command

from applications.models import Application, ApplicationVersion

pytestmark = pytest.mark.django_db


def test_demo_round_has_submitted_challenges_from_many_municipalities_and_counties(capsys):
    call_command("seed_demo", force=True)

    applications = Application.objects.filter(round__slug="2020-2021").select_related(
        "municipality__county"
    )
    assert applications.count() == 26
    # The jury's demo (jury/demo.py) scores them and publishes the 2021 selection.
    assert set(applications.values_list("status", flat=True)) == {"selected", "not_selected"}
    assert applications.values("municipality__county").distinct().count() == 11
    assert {"1151", "3427", "1515", "1818", "3318"} <= set(
        applications.values_list("municipality__number", flat=True)
    )
    assert (
        ApplicationVersion.objects.filter(number=1, application__round__slug="2020-2021").count()
        == 26
    )
    assert "Challenges: 26 submitted for Gnist 2020–2021" in capsys.readouterr().out
