"""A page, e-mail or PDF in one language: no text from the other language's catalogue.

Built from locale/nb/LC_MESSAGES/django.mo itself, so a new string is checked
as soon as it is translated. On an English page, a bokmål translation (that
differs from its English source) must not appear; on a bokmål page, an English
source that has a different translation must not appear. Only fragments long
enough to be unambiguous count: several words, between placeholders and tags.
"""

import gettext
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

MO = Path(settings.BASE_DIR) / "locale" / "nb" / "LC_MESSAGES" / "django.mo"
# Placeholders, template variables and markup split a message into literal fragments.
SPLIT = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\{.*?\}\}|\{\w*\}|<[^>]*>|[«»“”\"]")
MIN_LENGTH = 10
MIN_WORDS = 2


def normalise(text: str) -> str:
    return " ".join(text.split())


def fragments(message: str) -> set[str]:
    found = set()
    for part in SPLIT.split(message):
        part = normalise(part).strip(" .,:;()–-")
        if len(part) >= MIN_LENGTH and len(part.split()) >= MIN_WORDS:
            found.add(part)
    return found


@cache
def catalogue() -> list[tuple[str, str]]:
    """(English source, bokmål translation) for every message, plural forms included."""
    with open(MO, "rb") as handle:
        entries = gettext.GNUTranslations(handle)._catalog
    pairs = []
    for key, translation in entries.items():
        source = key[0] if isinstance(key, tuple) else key
        source = source.split("\x04")[-1]  # drop a message context
        if source:
            pairs.append((source, translation))
    return pairs


@cache
def foreign_fragments(language: str) -> frozenset[str]:
    """Text that must not appear in ``language``: the other language's side of the catalogue."""
    english_text = " ".join(normalise(source) for source, _nb in catalogue())
    norwegian_text = " ".join(normalise(nb) for _source, nb in catalogue())
    found = set()
    for source, nb in catalogue():
        if normalise(source) == normalise(nb):
            continue
        if language == "en":
            found |= {part for part in fragments(nb) if part not in english_text}
        else:
            found |= {part for part in fragments(source) if part not in norwegian_text}
    return frozenset(found)


class VisibleText(HTMLParser):
    """The text a reader sees or hears: body text and the attributes read out.

    Skips scripts, styles and any element marked with another ``lang`` (the
    language switch names the other language in that language).
    """

    # A textarea holds data being edited (an English e-mail text on a bokmål page).
    SKIP = {"script", "style", "template", "textarea"}
    READ = ("title", "aria-label", "alt", "placeholder")
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[bool] = []  # per open element: is it skipped?
        self.parts: list[str] = []

    @property
    def skipping(self) -> bool:
        return any(self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = (attrs.get("lang") or self.language).split("-")[0]
        skip = tag in self.SKIP or (tag != "html" and lang != self.language)
        if not (self.skipping or skip):
            self.parts.extend(attrs[name] for name in self.READ if attrs.get(name))
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.parts.append(attrs["value"])
        if tag not in self.VOID:
            self.stack.append(skip)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str, language: str) -> str:
    parser = VisibleText(language)
    parser.feed(html)
    return normalise(" ".join(parser.parts))


def other_language_in(text: str, language: str) -> list[str]:
    """The fragments of the other language found in ``text`` (plain text), sorted."""
    text = normalise(text)
    return sorted(part for part in foreign_fragments(language) if part in text)
