"""The locust users of bench/load.py: the last hour before the challenge deadline.

Run by bench/load.py (``locust -f bench/load_users.py --headless``), which writes
the sessions it prepared to ``GNIST_LOAD_PLAN`` and reads what the users sent
from ``GNIST_LOAD_OUT``. Every request carries a real session cookie and, for
a POST, the CSRF token of the page it came from, as a browser would.

* Editor: one per municipality. Opens its draft, then autosaves the whole form
  every ten seconds with a little more text; one in ``SUBMIT_EVERY`` submits
  after a few saves. A save that fails keeps its text, like the browser's
  offline copy, and the next save sends it again with what was typed since.
* CountyReader and StaffReader read the county dashboard and the staff list.

The shape ramps the editors up step by step; the number of editors held and the
per-step autosave p95 are written for bench/load.py to judge.
"""

import json
import os
import random
import re
import time
from html.parser import HTMLParser
from urllib.parse import urlencode

from locust import FastHttpUser, LoadTestShape, between, constant, events, task

PLAN = json.loads(open(os.environ["GNIST_LOAD_PLAN"]).read())
OUT = os.environ["GNIST_LOAD_OUT"]
HOST = PLAN["host"]
ORIGIN = HOST.replace("http://", "https://")
SUBMIT_EVERY = 10
AUTOSAVE_EVERY = 10.0
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
SPAWN_RATE = 10  # editors opening their draft per second

editors = list(PLAN["editors"])
random.Random(7).shuffle(editors)
sent: dict[str, dict] = {}  # application id → what the editor sent last and whether it held
steps: list[dict] = []
samples: list[tuple[float, str, float, bool]] = []  # time, kind, ms, ok


class FormParser(HTMLParser):
    """The fields of ``<form id=application-form>`` as a browser would post them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == "application-form"
        if not self.inside or not a.get("name") and tag not in ("option",):
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "file"):
                return
            self.fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea":
            self.textarea = [a["name"], ""]
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and self.select and "selected" in a:
            self.fields.append((self.select, a.get("value", "")))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            self.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.inside:
            self.inside = False


def record(kind, started, ok):
    samples.append((time.time(), kind, (time.perf_counter() - started) * 1000, ok))


class Browser(FastHttpUser):
    """Cookies by hand: the session cookie is Secure (production settings) and the
    benchmark speaks plain HTTP to gunicorn with ``X-Forwarded-Proto: https``, as
    the proxy in front of it would."""

    abstract = True
    host = HOST

    def headers(self, post=False):
        cookie = f"sessionid={self.session_key}"
        if self.csrf_cookie:
            cookie += f"; csrftoken={self.csrf_cookie}"
        headers = {"Cookie": cookie, "X-Forwarded-Proto": "https"}
        if post:
            headers.update({"Origin": ORIGIN, "Referer": ORIGIN + "/", "HX-Request": "true"})
        return headers

    def keep_csrf(self, response):
        for header in response.headers.get_all("Set-Cookie") or []:
            match = re.match(r"csrftoken=([^;]+)", header)
            if match:
                self.csrf_cookie = match.group(1)

    def get(self, path, kind):
        started = time.perf_counter()
        with self.client.get(
            path, headers=self.headers(), name=kind, catch_response=True, allow_redirects=False
        ) as response:
            ok = response.status_code == 200
            if not ok:
                response.failure(f"{kind}: HTTP {response.status_code}")
            record(kind, started, ok)
            if ok:
                self.keep_csrf(response)
            return response if ok else None


class Editor(Browser):
    wait_time = constant(AUTOSAVE_EVERY)

    def on_start(self):
        self.csrf_cookie = ""
        self.plan = editors.pop() if editors else None
        if self.plan is None:
            self.stop()
            return
        self.session_key = self.plan["session"]
        self.app = str(self.plan["application"])
        self.submits = int(self.plan["application"]) % SUBMIT_EVERY == 0
        self.saves = 0
        self.fields = None
        self.typed = ""
        self.open_form()
        time.sleep(random.random() * AUTOSAVE_EVERY)  # editors do not type in lockstep

    def open_form(self):
        response = self.get(f"/challenges/{self.app}/edit/", "edit page")
        if response is None:
            return
        parser = FormParser()
        parser.feed(response.text)
        self.fields = parser.fields
        self.csrf_token = dict(self.fields).get("csrfmiddlewaretoken", "")
        self.base_version = dict(self.fields).get("base_version", "0")
        self.challenge = dict(self.fields).get("challenge", "")

    @task
    def type_and_save(self):
        if self.plan is None:
            return
        if self.fields is None:
            self.open_form()
            return
        if sent.get(self.app, {}).get("submitted"):
            return
        self.saves += 1
        self.typed += f" Setning {self.saves} fra {self.plan['municipality']}."
        text = self.challenge + self.typed
        self.save(text)
        if self.submits and self.saves == 3 and sent[self.app].get("held"):
            self.submit()

    def save(self, text) -> bool:
        data = [(k, v) for k, v in self.fields if k not in ("challenge", "base_version")]
        data += [("challenge", text), ("base_version", self.base_version)]
        sent[self.app] = {**sent.get(self.app, {}), "text": text, "held": False}
        started = time.perf_counter()
        with self.client.post(
            f"/challenges/{self.app}/autosave/",
            data=urlencode(data),
            headers={**self.headers(post=True), "X-CSRFToken": self.csrf_token, **FORM},
            name="autosave",
            catch_response=True,
        ) as response:
            ok = response.status_code == 200 and "autosave-saved" in (
                response.headers.get("HX-Trigger") or ""
            )
            if ok:
                match = re.search(r'name="base_version" value="(\d+)"', response.text or "")
                self.base_version = match.group(1) if match else self.base_version
                sent[self.app]["held"] = True
            else:
                response.failure(
                    f"autosave: HTTP {response.status_code} "
                    f"{response.headers.get('HX-Trigger') or ''}".strip()
                )
        record("autosave", started, ok)
        return ok

    def submit(self):
        started = time.perf_counter()
        with self.client.post(
            f"/challenges/{self.app}/submit/",
            data=urlencode({"csrfmiddlewaretoken": self.csrf_token}),
            headers={**self.headers(post=True), **FORM},
            name="submit",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            ok = response.status_code == 302 and "/receipt/" in (
                response.headers.get("Location") or ""
            )
            if ok:
                sent[self.app]["submitted"] = True
            else:
                response.failure(f"submit: HTTP {response.status_code}")
        record("submit", started, ok)

    def on_stop(self):
        # Like the browser's offline copy: text whose save failed is sent until it holds.
        if self.plan is None or sent.get(self.app, {}).get("submitted"):
            return
        for _attempt in range(10):
            if sent.get(self.app, {}).get("held", True):
                return
            if self.fields is None:
                self.open_form()
            elif self.save(sent[self.app]["text"]):
                return
            time.sleep(1)


class CountyReader(Browser):
    wait_time = between(5, 15)
    fixed_count = 2

    def on_start(self):
        self.csrf_cookie = ""
        self.session_key = PLAN["county_session"]

    @task
    def dashboard(self):
        self.get("/county/", "county dashboard")


class StaffReader(Browser):
    wait_time = between(5, 15)
    fixed_count = 2

    def on_start(self):
        self.csrf_cookie = ""
        self.session_key = PLAN["staff_session"]

    @task
    def staff_list(self):
        self.get("/staff/challenges/", "staff list")


def p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * 0.95))] if values else 0.0


class Ramp(LoadTestShape):
    """Editors in steps of ``GNIST_LOAD_STEP`` every ``GNIST_LOAD_STEP_SECONDS`` until the
    autosave p95 of a step passes 150 ms or a request fails, or every editor is on.

    With ``GNIST_LOAD_FIXED`` the number of editors is held at that value for
    ``GNIST_LOAD_DURATION`` seconds instead (the PostgreSQL restart run).
    """

    def __init__(self):
        super().__init__()
        self.step = int(os.environ.get("GNIST_LOAD_STEP", "60"))
        self.seconds = float(os.environ.get("GNIST_LOAD_STEP_SECONDS", "30"))
        self.fixed = int(os.environ.get("GNIST_LOAD_FIXED", "0"))
        self.duration = float(os.environ.get("GNIST_LOAD_DURATION", "90"))
        self.users = self.fixed or self.step
        self.step_started = None
        self.done = False
        self.held = 0

    def tick(self):
        now = time.time()
        readers = 4
        if self.fixed:
            if self.get_run_time() > self.duration:
                return None
            return (self.fixed + readers, SPAWN_RATE)
        if self.step_started is None:
            self.step_started = now
        if now - self.step_started >= self.seconds:
            # Judge the step on its second half: the users of this step are all typing.
            window = [s for s in samples if s[0] >= self.step_started + self.seconds / 2]
            autosaves = [ms for _t, kind, ms, _ok in window if kind == "autosave"]
            errors = sum(1 for s in window if not s[3])
            step_p95 = p95(autosaves)
            # Held means the editors of the step really typed: at least half of the
            # saves they owe in the judged window got through.
            expected = self.users * (self.seconds / 2) / AUTOSAVE_EVERY
            typing = len(autosaves) >= expected / 2
            steps.append(
                {
                    "editors": self.users,
                    "autosaves": len(autosaves),
                    "autosave_p95_ms": round(step_p95, 1),
                    "errors": errors,
                    "typing": typing,
                }
            )
            good = step_p95 <= 150 and not errors and typing
            if not good or self.users >= len(PLAN["editors"]):
                if good:
                    self.held = self.users
                return None
            self.held = self.users
            self.users = min(self.users + self.step, len(PLAN["editors"]))
            self.step_started = now
        return (self.users + readers, SPAWN_RATE)


@events.quitting.add_listener
def write_results(environment, **_kwargs):
    shape = environment.shape_class
    stats = environment.stats
    kinds = {}
    for entry in stats.entries.values():
        kinds[entry.name] = {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "p50_ms": entry.get_response_time_percentile(0.5),
            "p95_ms": entry.get_response_time_percentile(0.95),
            "p99_ms": entry.get_response_time_percentile(0.99),
        }
    errors = {}
    for error in stats.errors.values():
        errors[f"{error.name}: {error.error}"] = error.occurrences
    failed_at = sorted(t for t, _kind, _ms, ok in samples if not ok)
    with open(OUT, "w") as out:
        json.dump(
            {
                "editors_held": getattr(shape, "held", 0) or getattr(shape, "fixed", 0),
                "steps": getattr(shape, "steps", steps),
                "requests_per_second": round(stats.total.total_rps, 1),
                "requests": stats.total.num_requests,
                "kinds": kinds,
                "errors": errors,
                "error_window": [failed_at[0], failed_at[-1]] if failed_at else None,
                "sent": sent,
            },
            out,
        )
