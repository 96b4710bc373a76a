import pytest
from django.utils import translation


@pytest.fixture
def english():
    """Messages in English, the source language, so asserts do not depend on the catalogue."""
    with translation.override("en"):
        yield
