"""The decision e-mail escapes what users typed (issue 11)."""

import pytest
from django.core import mail

from jury import services
from jury.models import NotificationTemplate
from tests.factories import HandedInChallengeFactory, municipality

pytestmark = pytest.mark.django_db

LINK_TITLE = '<a href="https://evil.example/">Klikk her</a> & mer'


def test_decision_email_escapes_the_title_and_the_staff_text_in_its_html_part(
    scoring_window, staff, municipality_user, django_capture_on_commit_callbacks
):
    challenge = HandedInChallengeFactory(
        round=scoring_window,
        municipality=municipality("3427"),
        project_leader=municipality_user,
        title=LINK_TITLE,
    )
    services.record_selection(
        scoring_window,
        selected=[challenge],
        justifications={},
        ranks={challenge.pk: 1},
        by=staff,
    )
    templates = services.notification_templates(scoring_window)
    NotificationTemplate.objects.filter(pk=templates["selected"].pk).update(
        body_nb="<b>Gratulerer</b> med «{{ title }}»!"
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_decision(scoring_window, by=staff)

    message = next(m for m in mail.outbox if m.to == [municipality_user.email])
    html = message.alternatives[0][0]
    assert 'href="https://evil.example/"' not in html
    assert "<b>" not in html
    assert (
        "&lt;b&gt;Gratulerer&lt;/b&gt; med «&lt;a href=&quot;https://evil.example/&quot;&gt;"
        "Klikk her&lt;/a&gt; &amp; mer»!"
    ) in html
    assert message.body.startswith(f"<b>Gratulerer</b> med «{LINK_TITLE}»!")
