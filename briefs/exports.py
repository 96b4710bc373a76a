"""The PDF of a brief version: data in, bytes out, through gnist.pdf.render_pdf."""

import logging

from briefs.models import BriefVersion, Level
from gnist.pdf import render_pdf

logger = logging.getLogger(__name__)


def actor_grid(actors) -> list[dict]:
    """Rows of the influence/interest figure: high influence on top, low interest left."""
    levels = [level for level, _label in Level.choices]
    return [
        {
            "influence": Level(influence).label,
            "cells": [
                [a for a in actors if a.influence == influence and a.interest == interest]
                for interest in levels
            ],
        }
        for influence in reversed(levels)
    ]


def render_brief_pdf(version: BriefVersion) -> bytes:
    actors = list(version.actors.all())
    brief = version.brief
    return render_pdf(
        "briefs/pdf/brief.html",
        {
            "brief": brief,
            "version": version,
            "actors": actors,
            "grid": actor_grid(actors),
            "levels": Level.choices,
        },
        language="nb",
    )


def render_version(version: BriefVersion) -> str:
    """Render one version's PDF; return its status afterwards.

    The bytes are stored only after WeasyPrint has finished, in one UPDATE, so
    a failure leaves no partial file: it leaves the error for staff to see.
    """
    if not version.claim_render():
        return "skipped"
    try:
        content = render_brief_pdf(version)
    except Exception as exc:  # template, font and WeasyPrint errors all fail the same way
        logger.exception("PDF of %s failed", version)
        version.mark_pdf_failed(f"{type(exc).__name__}: {exc}")
        return BriefVersion.PdfStatus.FAILED
    version.store_pdf(content)
    return BriefVersion.PdfStatus.READY
