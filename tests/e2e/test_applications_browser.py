import pytest
from django.core import mail
from playwright.sync_api import expect

from applications.models import Application
from tests.e2e.conftest import axe_violations
from tests.factories import PASSWORD, PDF_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, email):
    page.goto(live_server.url + "/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator("h1")).to_have_text("My page")


def wait_for_autosave(page):
    expect(page.locator("#autosave-status")).to_contain_text("Draft saved", timeout=10_000)


TEXTS = {
    "#id_challenge": "Stasjonsområdet ligger brakk store deler av døgnet.",
    "#id_project": "Områdeplan for stasjonsområdet.",
    "#id_project_timeline": "Planarbeid 2027, bygging 2028.",
    "#id_goals": "Færre biler, mer liv i sentrum.",
    "#id_roadmap_rationale": "Innbyggerne i sentrum.",
    "#id_sdg_rationale": "Bærekraftige byer og lokalsamfunn.",
    "#id_resources_people": "3",
    "#id_resources_hours": "400",
    "#id_resources_nok": "150000",
    "#id_resources_description": "Prosjektleder i 20 prosent stilling.",
    "#id_anchoring_description": "Formannskapet vedtok søknaden.",
    "#id_involvement": "Ungdomsrådet og pendlere.",
    "#id_technology": "Sanntidsdata og åpne API-er.",
    "#id_departments": "Plan og næring.",
    "#id_county_involvement": "Innlandet fylkeskommune bidrar med rådgiver.",
}


def test_project_leader_drafts_over_two_visits_submits_and_the_county_sees_it(
    browser, live_server, municipality_user, county_user, challenge_deadline, media_root
):
    leader = browser.new_context()
    page = leader.new_page()
    page.set_default_timeout(10_000)

    # First visit: start the challenge and type; the draft saves itself.
    sign_in(page, live_server, "ingrid@tynset.kommune.no")
    page.goto(live_server.url + "/en/challenges/")
    page.get_by_role("button", name="Start a new challenge").click()
    expect(page.locator("h1")).to_have_text("Challenge from Tynset")
    page.locator("#id_title").fill("Mobilitetshub på Tynset")
    page.locator("#id_summary").fill("Buss, bildeling og sykkel samlet ved stasjonen.")
    wait_for_autosave(page)
    assert axe_violations(page) == []

    page.reload()
    expect(page.locator("#id_title")).to_have_value("Mobilitetshub på Tynset")
    expect(page.locator("#id_summary")).to_have_value(
        "Buss, bildeling og sykkel samlet ved stasjonen."
    )
    leader.close()

    # Second visit: fill in the rest, upload the decision, accept the commitments, submit.
    leader = browser.new_context()
    page = leader.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server, "ingrid@tynset.kommune.no")
    page.goto(live_server.url + "/en/challenges/")
    page.get_by_role("link", name="Mobilitetshub på Tynset").click()
    for selector, text in TEXTS.items():
        page.locator(selector).fill(text)
    page.locator("#id_project_stage").select_option("planning")
    page.locator("#id_anchoring").select_option("political")
    page.locator("#id_project_leader").select_option(str(municipality_user.pk))
    page.get_by_label("Put residents at the centre").check()
    page.get_by_label("11. Sustainable Cities and Communities").check()
    for checkbox in page.locator("input[name=commitments]").all():
        checkbox.check()
    wait_for_autosave(page)
    page.locator("#id_kind").select_option("anchoring")
    page.locator("#id_file").set_input_files(
        files=[{"name": "vedtak.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("The file was uploaded.")).to_be_visible()
    page.get_by_role("button", name="Save and go to submission").click()
    expect(page.locator("h1")).to_have_text("Submit the challenge")
    page.get_by_role("button", name="Submit the challenge").click()

    expect(page.locator("h1")).to_have_text("Receipt: the challenge has been submitted")
    assert axe_violations(page) == []
    application = Application.objects.get()
    assert (application.status, application.title) == ("submitted", "Mobilitetshub på Tynset")
    assert application.versions.count() == 1
    assert [message.subject for message in mail.outbox] == [
        "[Gnist] Kvittering: utfordringen fra Tynset er sendt inn"
    ]
    leader.close()

    # The county council member sees the submission on the dashboard.
    county = browser.new_context()
    page = county.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server, "marit@innlandetfylke.no")
    page.goto(live_server.url + "/en/county/")
    row = page.locator("tr", has=page.get_by_role("rowheader", name="Tynset"))
    expect(row.get_by_role("link", name="Mobilitetshub på Tynset")).to_be_visible()
    expect(row.locator("td").nth(1)).to_have_text("Submitted")
    assert axe_violations(page) == []
    county.close()
