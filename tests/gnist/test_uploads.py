"""One upload policy and one download helper (issue 11)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from gnist import uploads
from gnist.downloads import download
from tests.factories import PDF_BYTES, PNG_BYTES

MB = 1024 * 1024
POLYGLOT = PDF_BYTES + b"<html><script>alert(document.cookie)</script></html>"


@pytest.mark.parametrize(
    "language, size, message",
    [
        ("nb", 10 * MB + 1, "Filen er 10,1\xa0MB; grensen er 10\xa0MB."),
        ("en", 10 * MB + 1, "The file is 10.1\xa0MB; the limit is 10\xa0MB."),
        ("nb", 12_700_000, "Filen er 12,1\xa0MB; grensen er 10\xa0MB."),
        ("nb", 2_600_000, "Filen er 2,5\xa0MB; grensen er 2,4\xa0MB."),
    ],
)
def test_too_large_file_message_shows_the_excess_in_the_users_number_format(
    language, size, message
):
    limit = 10 * MB if size > 10 * MB else int(2.4 * MB)

    with translation.override(language), pytest.raises(ValidationError) as error:
        uploads.check_size(size, limit)

    assert error.value.messages == [message]


def test_pdf_html_polyglot_named_html_is_refused():
    upload = SimpleUploadedFile("vedtak.html", POLYGLOT, content_type="text/html")

    with translation.override("en"), pytest.raises(ValidationError) as error:
        uploads.check_upload(upload, max_bytes=10 * MB)

    assert error.value.messages == ["The name vedtak.html does not match the file's content (PDF)."]


def test_accepted_file_keeps_a_safe_name_and_the_sniffed_type():
    upload = SimpleUploadedFile('../../"kart" <1>.png', PNG_BYTES, content_type="text/html")

    checked = uploads.check_upload(upload, max_bytes=10 * MB)

    assert (checked.name, checked.content_type, checked.extension) == (
        "_kart_ _1_.png",
        "image/png",
        "png",
    )


def test_download_is_an_attachment_with_nosniff_and_never_html():
    response = download(POLYGLOT, filename='x"; y.html', content_type="text/html")

    assert (
        response["Content-Type"],
        response["Content-Disposition"],
        response["X-Content-Type-Options"],
    ) == ("application/octet-stream", 'attachment; filename="x_ y.html"', "nosniff")


def test_download_name_with_norwegian_letters_is_encoded():
    response = download(PDF_BYTES, filename="Søknad Tynset.pdf", content_type="application/pdf")

    assert (
        response["Content-Disposition"] == "attachment; filename*=utf-8''S%C3%B8knad%20Tynset.pdf"
    )
