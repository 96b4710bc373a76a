"""Browser tests: Debian's Chromium driven by Playwright against live_server."""

import os
import shutil
import time
from pathlib import Path

import pytest

AXE = Path(__file__).parent / "vendor" / "axe.min.js"

# Playwright's sync API runs an event loop in the test thread, and the database
# is set up after it starts: Django's async-safety check must be off for it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(autouse=True)
def _browser_needs(settings):
    if not shutil.which(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _no_request_outlives_its_test(transactional_db):
    """Let the live server finish before the test database is flushed.

    A request the browser sent just before the test ended (an autosave, say) can
    still hold a lock when the flush's TRUNCATE asks for every table: PostgreSQL
    then reports a deadlock and the next test finds this one's rows. The browser
    page is closed first (its fixture ends before this one), so a short pause
    lets the last request end.
    """
    yield
    time.sleep(0.5)


def axe_violations(page, *, impacts=("serious", "critical")) -> list[str]:
    """Run axe-core's WCAG 2.1 A/AA rules on the page; return the serious ones."""
    # Evaluated through the DevTools protocol: an injected <script> tag would be
    # blocked by the portal's Content-Security-Policy, as it should be.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in result["violations"]
        if v["impact"] in impacts
    ]
