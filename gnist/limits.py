"""Length limits of the free text people type.

A ``TextField``'s ``max_length`` only reaches the form (the ``maxlength``
attribute and the form's message); the database ignores it. ``limited_text``
adds the validator that ``full_clean`` (forms, the admin) runs, and
``length_check`` the database constraint that holds for every write, services
and bulk imports included.
"""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

# Limits by use, in characters.
SHORT = 1_000  # a reason, a note, a justification
MEDIUM = 3_000  # a comment, a statement, a paragraph of a form
LONG = 6_000  # a section of a challenge or a brief
MESSAGE = 10_000  # an e-mail text or a page's description written by staff


def limited_text(*args, limit: int, **kwargs) -> models.TextField:
    return models.TextField(
        *args, max_length=limit, validators=[MaxLengthValidator(limit)], **kwargs
    )


def length_check(field: str, limit: int, *, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=LessThanOrEqual(Length(field), limit), name=name)
