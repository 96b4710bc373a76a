"""Browser tests: Debian's Chromium driven by Playwright against live_server."""

import os
import shutil
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
