"""The one upload policy of the portal: what a file may be, what it may be called, how big.

A file is accepted by its content (sniffed with ``filetype``), never by the name
or the browser's content type, and the name's extension must match the content:
a PDF/HTML polyglot named ``.html`` is refused, so nothing uploaded can be served
as a web page. Sizes come from settings (``UPLOAD_MAX_BYTES`` for challenge
attachments, ``WORKSHOP_MATERIAL_MAX_BYTES`` for workshop materials).
"""

import math
import re
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

# Detected content type → the file name endings allowed for it; the first is the one stored.
ALLOWED_TYPES = {
    PDF: (".pdf",),
    DOCX: (".docx",),
    XLSX: (".xlsx",),
    PPTX: (".pptx",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    "image/gif": (".gif",),
    "image/webp": (".webp",),
}

MEGABYTE = 1024 * 1024
_UNSAFE_NAME = re.compile(r"[^\w\-. ()]+")


@dataclass(frozen=True)
class CheckedUpload:
    content: bytes
    content_type: str
    extension: str  # without the dot, e.g. "pdf"
    name: str  # the uploaded name, made safe to store and to send back


def _unit(limit: int) -> tuple[int, str]:
    if limit >= MEGABYTE:
        return MEGABYTE, "MB"
    if limit >= 1024:
        return 1024, "kB"
    return 1, "byte"


def format_size(size: int, *, unit_of: int | None = None, above: int | None = None) -> str:
    """``size`` with its unit, in the active language's number format ("10,1 MB" in bokmål).

    The unit is the one that fits ``unit_of`` (default ``size``), so a size and its
    limit read in the same unit. Whole units show without decimals, others with one.
    A size ``above`` a limit never reads as the limit or less: one byte over 10 MB
    reads 10,1 MB.
    """
    factor, unit = _unit(size if unit_of is None else unit_of)
    value = size / factor
    if value == int(value):
        return f"{number_format(int(value))}\xa0{unit}"
    tenths = round(value * 10)
    if above is not None and tenths <= above / factor * 10:
        tenths = math.floor(above / factor * 10) + 1
    return f"{number_format(tenths / 10, decimal_pos=1)}\xa0{unit}"


def safe_name(name: str, *, fallback: str = "file") -> str:
    """The last part of an uploaded name, with letters, digits, spaces, dots, dashes
    and brackets only (æøå are letters); never empty, never hidden, at most 200 characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = _UNSAFE_NAME.sub("_", base).strip(" .")
    return cleaned[:200] or fallback


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {
                "size": format_size(size, unit_of=max_bytes, above=max_bytes),
                "limit": format_size(max_bytes),
            },
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")


def check_upload(upload, *, max_bytes: int, allowed: dict | None = None) -> CheckedUpload:
    """Accept ``upload`` or raise ValidationError with a message for the user.

    Refuses files over ``max_bytes``, empty files, content that is not one of
    ``allowed`` (default ``ALLOWED_TYPES``) and names whose extension does not
    match the content. Reads the whole file (it is at most ``max_bytes``).
    """
    allowed = ALLOWED_TYPES if allowed is None else allowed
    check_size(upload.size, max_bytes)
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    kind = filetype.guess(content)
    endings = allowed.get(kind.mime) if kind else None
    if endings is None:
        raise ValidationError(
            _("This kind of file is not accepted. Accepted: %(kinds)s.")
            % {"kinds": describe(allowed)},
            code="type",
        )
    name = safe_name(upload.name)
    if PurePath(name).suffix.lower() not in endings:
        raise ValidationError(
            _("The name %(name)s does not match the file's content (%(kind)s).")
            % {"name": name, "kind": endings[0].lstrip(".").upper()},
            code="extension",
        )
    return CheckedUpload(content, kind.mime, endings[0].lstrip("."), name)


def describe(allowed: dict) -> str:
    """The accepted kinds for a help text or message, e.g. "PDF, DOCX, JPG"."""
    return ", ".join(endings[0].lstrip(".").upper() for endings in allowed.values())
