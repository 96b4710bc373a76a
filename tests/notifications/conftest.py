import pytest

from tests.notifications.smtp import SMTPSink


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on localhost, and the e-mail backend pointed at it."""
    sink = SMTPSink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    yield sink
    sink.stop()
