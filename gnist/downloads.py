"""The one way the portal sends a file: every download view answers through ``download``.

Each download is an attachment (never shown inline, so nothing uploaded runs
as a page of the portal), with the content type the portal decided (never a
guess from the name) and a file name that is safe in the header.
"""

from urllib.parse import quote

from django.http import HttpResponse

from gnist.uploads import ALLOWED_TYPES, safe_name

OCTET_STREAM = "application/octet-stream"
# What the portal itself makes, besides the kinds people may upload.
GENERATED_TYPES = {"application/pdf", "text/csv; charset=utf-8", "text/calendar; charset=utf-8"}


def download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """An HTTP response that makes the browser save ``content`` as ``filename``.

    A content type the portal neither accepts as upload nor generates (an old
    row saying text/html, say) is sent as application/octet-stream.
    """
    if content_type not in ALLOWED_TYPES and content_type not in GENERATED_TYPES:
        content_type = OCTET_STREAM
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = _disposition(safe_name(filename, fallback="download"))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Length"] = str(len(content))
    return response


def download_file(field_file, *, filename: str, content_type: str) -> HttpResponse:
    """``download`` for a stored file: read whole and closed at once, so no handle leaks
    (uploads are small: the policy in ``gnist.uploads`` caps them)."""
    with field_file.open("rb") as handle:
        content = handle.read()
    return download(content, filename=filename, content_type=content_type)


def _disposition(filename: str) -> str:
    try:
        filename.encode("ascii")
    except UnicodeEncodeError:
        return f"attachment; filename*=utf-8''{quote(filename)}"
    return f'attachment; filename="{filename}"'
