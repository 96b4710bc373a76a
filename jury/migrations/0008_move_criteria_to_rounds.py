from django.db import migrations

CRITERION_FIELDS = ["key", "order", "name_nb", "name_en", "guidance_nb", "guidance_en", "weight"]
STEP_FIELDS = ["value", "label_nb", "label_en"]


def move_to_rounds(apps, schema_editor):
    """Give every existing round its own copy of the global criteria and scale.

    The global rows stay, without a round, as the programme's defaults for a
    new round made without a template. Each score moves to its round's copy
    of the criterion it was given on, so the round's results do not change.
    """
    Round = apps.get_model("phases", "Round")
    Criterion = apps.get_model("jury", "Criterion")
    ScaleStep = apps.get_model("jury", "ScaleStep")
    Score = apps.get_model("jury", "Score")
    defaults = list(Criterion.objects.filter(round=None))
    steps = list(ScaleStep.objects.filter(round=None))
    for round in Round.objects.all():
        for step in steps:
            ScaleStep.objects.get_or_create(
                round=round,
                value=step.value,
                defaults={field: getattr(step, field) for field in STEP_FIELDS},
            )
        for criterion in defaults:
            copy, _created = Criterion.objects.get_or_create(
                round=round,
                key=criterion.key,
                defaults={field: getattr(criterion, field) for field in CRITERION_FIELDS},
            )
            Score.objects.filter(criterion=criterion, review__application__round=round).update(
                criterion=copy
            )


def back_to_global(apps, schema_editor):
    Criterion = apps.get_model("jury", "Criterion")
    ScaleStep = apps.get_model("jury", "ScaleStep")
    Score = apps.get_model("jury", "Score")
    defaults = {criterion.key: criterion for criterion in Criterion.objects.filter(round=None)}
    for criterion in Criterion.objects.exclude(round=None):
        Score.objects.filter(criterion=criterion).update(criterion=defaults[criterion.key])
    Criterion.objects.exclude(round=None).delete()
    ScaleStep.objects.exclude(round=None).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0002_reference_data"),
        ("jury", "0007_criteria_and_scale_per_round"),
    ]

    operations = [migrations.RunPython(move_to_rounds, back_to_global)]
