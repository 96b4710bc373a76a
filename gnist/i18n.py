"""Language helpers: translated database fields and the language switch."""

from collections.abc import Callable

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, override


def translated(nb: str, en: str) -> str:
    """Return ``en`` when English is active and it is filled in, else ``nb``."""
    language = (get_language() or "nb").split("-")[0]
    if language == "en" and en:
        return en
    return nb or en


def path_in_language(path: str, language: str) -> str:
    """The same page in ``language``: ``/en/me/`` → ``/me/`` for bokmål and back.

    Resolves under the active language (the page's own), so the path must be
    the current page's. A path no URL pattern knows (a 404) only gets its
    language prefix swapped.
    """
    translated_path = translate_url(path, language)
    if translated_path != path:
        return translated_path
    prefixes = [f"/{code}/" for code, _name in settings.LANGUAGES]
    for prefix in prefixes:
        if path.startswith(prefix):
            path = path[len(prefix) - 1 :]
            break
    if language != settings.LANGUAGE_CODE:
        path = f"/{language}{path}"
    return path


def language_switch(request):
    """Context processor: the other language and the page's path in it, for base.html."""
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    other = "en" if current == "nb" else "nb"
    path = request.get_full_path() if request is not None else "/"
    return {"switch_language": other, "switch_next": path_in_language(path, other)}


def in_each_language(render: Callable[[], str]) -> dict[str, str]:
    """``render()`` once per portal language, for text stored to be read in either."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        with override(code):
            texts[code] = str(render())
    return texts
