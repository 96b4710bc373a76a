"""Demo reminder rules for the demo round's deadlines; one per deadline and audience."""

from notifications.models import ReminderRule

RULES = {
    "workshop_registration": ("municipality_members", "14, 3, 1", ""),
    "challenge_submission": (
        "draft_applicants",
        "14, 3, 1",
        "Husk at utfordringen må være sendt inn før fristen for å bli vurdert av juryen. "
        "Ta kontakt med programteamet hvis dere trenger hjelp.",
    ),
    "jury_meeting": ("jurors_with_unscored", "7, 2", ""),
}


def seed(round, *, stdout) -> None:
    count = 0
    for deadline in round.deadlines.filter(key__in=RULES):
        audience, offsets, message = RULES[deadline.key]
        ReminderRule.objects.update_or_create(
            deadline=deadline,
            audience=audience,
            defaults={"offsets": offsets, "message_nb": message},
        )
        count += 1
    stdout.write(f"Reminders: {count} rules for {round.name}")


def seed_live(round, *, phase, stdout) -> None:
    seed(round, stdout=stdout)
