import importlib

import pytest
from django.apps import apps
from django.utils import translation

from applications.models import RoadmapPrinciple
from municipalities.models import County, Municipality
from municipalities.sync import COUNTIES_CSV, MUNICIPALITIES_CSV, sync_reference_data


@pytest.fixture
def english():
    """Messages in English, the source language, so asserts do not depend on the catalogue."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _reference_rows(request):
    """Put back the reference rows a transactional test elsewhere on this worker flushed.

    pytest-xdist hands out whole files, so a browser test can run before these.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None or marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("db")
    if not Municipality.objects.exists():
        sync_reference_data(
            County, Municipality, counties_csv=COUNTIES_CSV, municipalities_csv=MUNICIPALITIES_CSV
        )
    if not RoadmapPrinciple.objects.exists():
        importlib.import_module("applications.migrations.0002_reference_data").load(apps, None)
