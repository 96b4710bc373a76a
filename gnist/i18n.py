"""Pick the Norwegian or English text of a translated database field."""

from django.utils.translation import get_language


def translated(nb: str, en: str) -> str:
    """Return ``en`` when English is active and it is filled in, else ``nb``."""
    language = (get_language() or "nb").split("-")[0]
    if language == "en" and en:
        return en
    return nb or en
