from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from jury.models import Criterion, JurySettings, NotificationTemplate
from notifications.models import ReminderRule
from phases import services
from phases.models import Deadline, Phase, Round
from phases.programme import PROGRAMME_PHASES
from tests.factories import DeadlineFactory, PhaseFactory, RoundFactory, oslo

pytestmark = pytest.mark.django_db


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M %z")


@pytest.fixture
def template():
    """Last year's round: phase 1 starts 1 October 2020 in summer time, the submission
    deadline (9:00) and the jury meeting fall in winter time."""
    round = RoundFactory(name="Gnist 2020–2021", slug="2020-2021", intro_nb="Innledning")
    PhaseFactory(round=round, number=1, starts_at=oslo(2020, 10, 1), ends_at=oslo(2021, 1, 1))
    PhaseFactory(
        round=round,
        number=2,
        name_nb="Utforskning",
        description_en="Exploration",
        starts_at=oslo(2021, 1, 1),
        ends_at=oslo(2021, 4, 1),
        partners_can_follow=False,
    )
    submission = DeadlineFactory(round=round, at=oslo(2020, 12, 11, 9, 0))
    DeadlineFactory(
        round=round,
        key="other",
        name_nb="Frokostmøte",
        name_en="Breakfast",
        at=oslo(2020, 10, 20, 9),
    )
    ReminderRule.objects.create(
        deadline=submission,
        audience="draft_applicants",
        offsets="7, 1",
        subject_nb="Husk fristen",
        message_nb="Fristen er snart.",
    )
    roadmap = round.criteria.get(key="roadmap")
    roadmap.weight = Decimal("2.50")
    roadmap.guidance_nb = "Særlig vekt på veikartet."
    roadmap.save()
    round.scale_steps.filter(value=5).update(label_nb="Framifrå")
    JurySettings.objects.create(
        round=round,
        scoring_opens_at=oslo(2020, 12, 11, 9),
        scoring_closes_at=oslo(2021, 1, 12, 10),
        quorum=4,
        published_at=oslo(2021, 1, 20, 12),
    )
    NotificationTemplate.objects.create(
        round=round,
        key="selected",
        subject_nb="Gratulerer",
        subject_en="",
        body_nb="Hei",
        body_en="",
    )
    return round


def test_copy_moves_every_date_and_keeps_oslo_wall_clock_across_summer_time(template):
    new = services.copy_round(
        template, name="Gnist 2027–2028", slug="2027-2028", starts_at=oslo(2027, 4, 1)
    )

    # The offset is 2,373 days on the wall clock. 11 December 2020 at 9:00 (winter time)
    # becomes 11 June 2027 at 9:00 (summer time), not 10:00.
    assert [
        (phase.number, local(phase.starts_at), local(phase.ends_at)) for phase in new.phases.all()
    ] == [
        (1, "2027-04-01 00:00 +0200", "2027-07-02 00:00 +0200"),
        (2, "2027-07-02 00:00 +0200", "2027-09-30 00:00 +0200"),
    ]
    assert sorted((d.key, local(d.at)) for d in new.deadlines.all()) == [
        ("challenge_submission", "2027-06-11 09:00 +0200"),
        ("other", "2027-04-20 09:00 +0200"),
    ]


def test_copy_from_summer_into_winter_keeps_nine_oclock(template):
    template.deadlines.filter(key="other").update(at=oslo(2020, 10, 2, 9))

    new = services.copy_round(
        template, name="Gnist 2027–2028", slug="2027-2028", starts_at=oslo(2027, 11, 1)
    )

    assert local(new.deadlines.get(key="other").at) == "2027-11-02 09:00 +0100"


def test_copy_takes_texts_flags_criteria_scale_settings_and_reminders(template):
    new = services.copy_round(
        template, name="Gnist 2027–2028", slug="2027-2028", starts_at=oslo(2027, 10, 1)
    )

    phase = new.phases.get(number=2)
    settings = JurySettings.objects.get(round=new)
    rule = ReminderRule.objects.get(deadline__round=new)
    assert (new.intro_nb, new.is_published, new.is_current) == ("Innledning", False, False)
    assert (phase.name_nb, phase.description_en, phase.jury_scoring_open) == (
        "Utforskning",
        "Exploration",
        True,
    )
    assert (phase.partners_can_follow, new.phases.get(number=1).accepts_applications) == (
        False,
        True,
    )
    assert new.criteria.count() == 9
    roadmap = new.criteria.get(key="roadmap")
    assert (roadmap.weight, roadmap.guidance_nb) == (Decimal("2.50"), "Særlig vekt på veikartet.")
    assert list(new.scale_steps.values_list("value", "label_nb"))[-1] == (5, "Framifrå")
    assert (local(settings.scoring_opens_at), local(settings.scoring_closes_at)) == (
        "2027-12-11 09:00 +0100",
        "2028-01-12 10:00 +0100",
    )
    assert (settings.quorum, settings.published_at) == (4, None)
    assert list(new.jury_notification_templates.values_list("key", "subject_nb")) == [
        ("selected", "Gratulerer")
    ]
    assert (rule.deadline.key, rule.offsets, rule.subject_nb, rule.message_nb) == (
        "challenge_submission",
        "7, 1",
        "Husk fristen",
        "Fristen er snart.",
    )
    assert template.criteria.get(key="roadmap").pk != roadmap.pk


def test_new_round_without_template_gets_the_programmes_five_phases_criteria_and_scale():
    round = services.create_round(
        name="Gnist 2027–2028", slug="2027-2028", starts_at=oslo(2027, 10, 1)
    )

    assert [(p.number, p.name_nb, p.name_en) for p in round.phases.all()] == [
        (values["number"], values["name_nb"], values["name_en"]) for values in PROGRAMME_PHASES
    ]
    assert [p.name_nb for p in round.phases.all()] == [
        "Utfordring – kompetansedelen",
        "Utforskning",
        "Utvikling",
        "Videreutvikling og implementering",
        "Spredning og skalering",
    ]
    assert all(p.description_nb and p.description_en for p in round.phases.all())
    assert [(local(p.starts_at), local(p.ends_at)) for p in round.phases.all()][0] == (
        "2027-10-01 00:00 +0200",
        "2028-01-01 00:00 +0100",
    )
    assert round.criteria.count() == 9
    assert list(round.scale_steps.values_list("value", flat=True)) == [1, 2, 3, 4, 5]
    assert round.is_published is False


def test_programme_defaults_stay_without_a_round():
    round = services.create_round(name="Ny", slug="ny", starts_at=oslo(2027, 10, 1))

    round.criteria.filter(key="roadmap").update(weight=3)

    assert Criterion.objects.defaults().get(key="roadmap").weight == 1


def test_adding_app_defaults_twice_adds_nothing_more():
    round = Round.objects.create(name="Ny", slug="ny")

    services.add_app_defaults(round)
    services.add_app_defaults(round)

    assert (round.criteria.count(), round.scale_steps.count()) == (9, 5)


def test_every_app_with_per_round_rows_registered_a_copier():
    assert sorted(services.round_copiers()) == ["jury", "notifications"]


def test_start_on_keeps_the_templates_time_of_day(template):
    template.phases.filter(number=1).update(starts_at=oslo(2020, 10, 1, 9))

    starts_at = services.start_on(template, oslo(2027, 10, 1).date())

    assert local(starts_at) == "2027-10-01 09:00 +0200"


def test_copy_of_a_round_without_phases_keeps_its_deadlines():
    template = RoundFactory()
    DeadlineFactory(round=template, at=oslo(2020, 12, 11, 9))

    new = services.copy_round(template, name="Kopi", slug="kopi", starts_at=oslo(2027, 10, 1))

    assert (
        Phase.objects.filter(round=new).count(),
        Deadline.objects.filter(round=new).count(),
    ) == (
        0,
        1,
    )
    assert new.deadlines.get().at - oslo(2020, 12, 11, 9) == timedelta(0)
