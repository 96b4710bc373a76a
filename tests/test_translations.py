"""The Norwegian catalogue is complete and its compiled form is up to date."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "nb" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


@pytest.fixture
def msgfmt():
    path = shutil.which("msgfmt")
    if path is None:
        pytest.skip("gettext's msgfmt is not installed (apt-get install gettext)")
    return path


def test_every_message_is_translated_and_none_is_fuzzy(msgfmt, tmp_path):
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", str(tmp_path / "check.mo"), str(PO)],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


def test_compiled_catalogue_matches_the_source(msgfmt, tmp_path):
    fresh = tmp_path / "fresh.mo"
    subprocess.run([msgfmt, "-o", str(fresh), str(PO)], check=True)

    with open(MO, "rb") as committed, open(fresh, "rb") as compiled:
        assert (
            gettext.GNUTranslations(committed)._catalog
            == gettext.GNUTranslations(compiled)._catalog
        )
