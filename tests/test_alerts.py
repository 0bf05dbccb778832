"""Alerts: rules, the outbox, and delivery to a real local webhook receiver and SMTP server."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from in_process import panelwatch_in_process
from side_by_side import side_by_side

from db import Store
from db.history import change_feed
from schemas import AlertRule, ComparisonPage, FetchOutcome, FieldChange
from scraper.alerts import Sender, deliver_pending, describe
from scraper.demo.server import DemoServer
from scraper.pipeline import check_round, reparse, store_body
from scraper.settings import FetchSettings

PAGES = Path(__file__).parent / "fixtures" / "pages" / "comparison"
URL = "https://shiporskip.io/compare/claude-4-api-tool-use-streaming-prompt-caching-vs-mistral-medium-3-2"
MISTRAL = "mistral-medium-3-2"
T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
PAYLOAD_KEYS = {
    "id", "kind", "url", "tool", "tool_slug", "reviewer", "field", "old", "new", "diff",
    "detected_at", "from_version", "to_version",
}  # fmt: skip


class Receiver:
    """A webhook receiver on a real socket: records every POST, can fail on purpose."""

    def __init__(self) -> None:
        self.posts: list[tuple[dict[str, str], dict[str, Any]]] = []
        self.fail_next = 0
        self.delay = 0.0  # seconds before answering: a slow receiver
        self.drip = 0  # answer 200 with a body of this many bytes, one every 0.1 s
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                time.sleep(receiver.delay)
                if receiver.fail_next:
                    receiver.fail_next -= 1
                    self.send_response(500)
                else:
                    receiver.posts.append((dict(self.headers.items()), json.loads(body)))
                    self.send_response(200 if receiver.drip else 204)
                self.send_header("Content-Length", str(receiver.drip))
                self.end_headers()
                with suppress(ConnectionError):  # the sender has what it needs, and left
                    for _ in range(receiver.drip):
                        self.wfile.write(b".")
                        self.wfile.flush()
                        time.sleep(0.1)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def channel(self) -> str:
        return f"webhook+http://127.0.0.1:{self.httpd.server_address[1]}/hook"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    running = Receiver()
    yield running
    running.close()


def seed() -> ComparisonPage:
    return ComparisonPage.model_validate_json((PAGES / "seed-soup.json").read_text())


def edit(page: ComparisonPage, change: Callable[[dict[str, Any]], None]) -> ComparisonPage:
    data = page.model_dump(mode="json")
    change(data)
    return ComparisonPage.model_validate(data)


def skeptic_score(score: int) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        for review in data["reviews"]:
            if (review["reviewer"], review["tool_slug"]) == ("Skeptic", MISTRAL):
                review["score"] = score

    return change


def check(store: Store, record: ComparisonPage, hours: float) -> None:
    fetch = FetchOutcome(url=URL, fetched_at=T0 + timedelta(hours=hours), status=200)
    store.record_check(fetch, record=record)


def deliver(store: Store, hours: float) -> Any:
    with Sender(lambda text: None) as sender:
        return deliver_pending(store, sender, T0 + timedelta(hours=hours))


# -- rules ------------------------------------------------------------------------------
def change(kind: str, old: Any, new: Any, **who: Any) -> FieldChange:
    return FieldChange(kind=kind, field=kind, old=old, new=new, **who)  # type: ignore[arg-type]


def test_default_rule_alerts_on_pricing_and_verdicts_only() -> None:
    rule = AlertRule(channel="console")
    assert rule.matches(change("pricing_text", "a", "b"), URL)
    assert rule.matches(change("pricing_model", "Paid", "Free"), URL)
    assert rule.matches(change("verdict", "ship", "skip"), URL)
    assert not rule.matches(change("score", 80, 20), URL)
    assert not rule.matches(change("description", "a", "b"), URL)


def test_score_threshold() -> None:
    rule = AlertRule(channel="console", kinds=("score",), min_score_delta=5)
    assert not rule.matches(change("score", 72, 69), URL)
    assert rule.matches(change("score", 72, 62), URL)
    assert rule.matches(change("score", 72, 77), URL)


def test_votes_threshold_and_filters() -> None:
    rule = AlertRule(
        channel="console", kinds=("votes",), min_votes_pct=20, tool="Patchwork CI",
        url_pattern="*/compare/*patchwork*",
    )  # fmt: skip
    page = "https://s.io/compare/lumen-sql-vs-patchwork-ci"
    who = {"tool": "Patchwork CI", "tool_slug": "patchwork-ci"}
    assert rule.matches(change("votes", 10, 13, **who), page)
    assert not rule.matches(change("votes", 10, 11, **who), page)
    assert rule.matches(change("votes", None, 4, **who), page)  # votes appear
    assert not rule.matches(change("votes", 10, 13, **who), "https://s.io/compare/a-vs-b")
    assert not rule.matches(change("votes", 10, 13, tool="Lumen SQL"), page)
    reviewer_rule = AlertRule(channel="console", kinds=("verdict",), reviewer="skeptic")
    assert reviewer_rule.matches(change("verdict", "ship", "skip", reviewer="Skeptic"), page)
    assert not reviewer_rule.matches(change("verdict", "ship", "skip", reviewer="Builder"), page)


# -- outbox and delivery ----------------------------------------------------------------
def test_score_moves_3_no_alert_10_alert(store: Store, receiver: Receiver) -> None:
    store.add_rule(AlertRule(channel=receiver.channel, kinds=("score",), min_score_delta=5), now=T0)
    check(store, seed(), 0)
    check(store, edit(seed(), skeptic_score(69)), 1)  # 72 -> 69
    assert deliver(store, 1).sent == 0
    check(store, edit(seed(), skeptic_score(59)), 2)  # 69 -> 59
    assert deliver(store, 2).sent == 1
    [(_, payload)] = receiver.posts
    assert (payload["kind"], payload["old"], payload["new"]) == ("score", 69, 59)


def test_failed_receiver_is_retried_with_backoff_and_never_duplicated(
    store: Store, receiver: Receiver
) -> None:
    store.add_rule(AlertRule(channel=receiver.channel), now=T0)
    check(store, seed(), 0)
    flipped = edit(seed(), lambda d: d["tools"][1]["pricing"].update(text="Free for everyone"))
    check(store, flipped, 1)
    receiver.fail_next = 2
    first = deliver(store, 1)
    assert (first.sent, first.retrying) == (0, 1)
    [waiting] = store.alerts("pending")
    # The receiver's path may hold its token: errors name only its scheme and host.
    host = receiver.channel.removeprefix("webhook+http://").split("/")[0]
    assert waiting.last_error == f"http://{host}/…: receiver answered HTTP 500"
    assert deliver(store, 1).sent == 0  # not due again yet: it backs off
    second = deliver(store, 1 + 31 / 3600)  # after the first 30 s backoff
    assert (second.sent, second.retrying) == (0, 1)
    third = deliver(store, 1 + 120 / 3600)
    assert third.sent == 1
    assert deliver(store, 5).sent == 0
    assert len(receiver.posts) == 1
    [alert] = store.alerts("sent")
    assert (alert.attempts, alert.last_error) == (3, None)


def test_a_receiver_that_drips_its_answer_holds_no_delivery(
    store: Store, receiver: Receiver
) -> None:
    """Only the status of a webhook's answer counts. Its body was read whole, so a
    receiver that sent it a byte at a time held `run`'s delivery for as long as it liked
    (each byte within the read timeout)."""
    store.add_rule(AlertRule(channel=receiver.channel), now=T0)
    check(store, seed(), 0)
    check(store, edit(seed(), lambda d: d["tools"][1]["pricing"].update(text="Free")), 1)
    receiver.drip = 40  # 4 s
    started = time.monotonic()
    assert deliver(store, 1).sent == 1
    assert time.monotonic() - started < 2
    assert len(receiver.posts) == 1


def test_two_processes_delivering_at_once_send_each_alert_once(
    store: Store, receiver: Receiver
) -> None:
    """`check` beside `run`: both deliver after their checks. The second once read the
    alerts the first was still sending, and sent them again."""
    store.add_rule(AlertRule(channel=receiver.channel, kinds=("score",)), now=T0)
    check(store, seed(), 0)
    check(store, edit(seed(), skeptic_score(40)), 1)
    receiver.delay = 0.3
    sent: list[int] = []

    def process() -> None:
        with Store.open(store.path) as own:
            sent.append(deliver(own, 1).sent)

    side_by_side(process, process, stagger=0.1)  # the second starts while the first sends
    assert sorted(sent) == [0, 1]
    assert len(receiver.posts) == 1


def test_alerts_a_dead_sender_held_go_out_after_its_lease(store: Store) -> None:
    store.add_rule(AlertRule(channel="console", kinds=("score",)), now=T0)
    check(store, seed(), 0)
    check(store, edit(seed(), skeptic_score(40)), 1)
    now = T0 + timedelta(hours=1)
    assert len(store.claim_due_alerts(now)) == 1  # ... and its sender dies
    assert store.claim_due_alerts(now + timedelta(minutes=1)) == []
    assert len(store.claim_due_alerts(now + timedelta(minutes=6))) == 1


def test_pricing_edit_on_the_replica_gives_one_documented_webhook_post(
    store: Store, receiver: Receiver, replica: DemoServer
) -> None:
    store.add_rule(AlertRule(channel=receiver.channel, kinds=("pricing_text",)), now=T0)
    page = replica.url + replica.site.compare_paths()[1]
    settings = FetchSettings()
    check_round(store, [page], settings=settings, clock=replica.site.now)
    replica.site.tick()  # Lumen SQL pricing edited (on this page among others)
    check_round(store, [page], settings=settings, clock=replica.site.now)
    with Sender(lambda text: None) as sender:
        delivered = deliver_pending(store, sender, replica.site.now())
    assert delivered.sent == 1
    [(headers, payload)] = receiver.posts
    assert set(payload) == PAYLOAD_KEYS
    assert headers["Idempotency-Key"] == payload["id"]
    assert headers["Content-Type"] == "application/json"
    assert payload["kind"] == "pricing_text"
    assert (payload["url"], payload["tool"], payload["tool_slug"]) == (
        page,
        "Lumen SQL",
        "lumen-sql",
    )
    assert payload["old"].startswith("Free up to 100 questions")
    assert payload["new"].startswith("Free up to 250 questions")
    assert payload["diff"][:3] == [
        {"op": "=", "text": "Free up to"},
        {"op": "-", "text": "100"},
        {"op": "+", "text": "250"},
    ]
    assert payload["detected_at"] == "2026-11-01T15:00:00Z"
    assert (payload["from_version"], payload["to_version"]) == (1, 2)


# A tool's pricing as the site shows it on every comparison page the tool is in.
OTHER_PAGE = "https://shiporskip.io/compare/mistral-medium-3-2-vs-qwen3-coder"
THIRD_PAGE = "https://shiporskip.io/compare/codestral-2-vs-mistral-medium-3-2"


def priced(text: str) -> ComparisonPage:
    return edit(seed(), lambda d: d["tools"][1]["pricing"].update(text=text))


def check_page(store: Store, url: str, record: ComparisonPage, hours: float) -> None:
    fetch = FetchOutcome(url=url, fetched_at=T0 + timedelta(hours=hours), status=200)
    store.record_check(fetch, record=record)


def alerted(store: Store) -> list[tuple[str, Any, Any]]:
    return [(a.payload.url, a.payload.old, a.payload.new) for a in store.alerts()]


def test_one_edit_of_a_tool_shown_on_several_pages_alerts_once(store: Store) -> None:
    """The site shows a tool's pricing on every comparison page it is in: one edit was
    a change on each watched page, and each queued its own alert."""
    store.add_rule(AlertRule(channel="console", kinds=("pricing_text",)), now=T0)
    pages = (URL, OTHER_PAGE, THIRD_PAGE)
    for url in pages:
        check_page(store, url, priced("Paid"), 0)
    for url in pages:  # one round; or hours apart, on each page's own schedule
        check_page(store, url, priced("Free for everyone"), 1 if url == URL else 7)
    assert alerted(store) == [(URL, "Paid", "Free for everyone")]
    # Each page's history still has its change.
    assert len(change_feed(store, kinds=("pricing_text",))) == 3


def test_an_edit_back_and_forth_alerts_each_time(store: Store) -> None:
    store.add_rule(AlertRule(channel="console", kinds=("pricing_text",)), now=T0)
    for hours, text in enumerate(("Paid", "Free", "Paid", "Free")):
        for url in (URL, OTHER_PAGE):
            check_page(store, url, priced(text), hours)
    assert alerted(store) == [
        (URL, "Paid", "Free"), (URL, "Free", "Paid"), (URL, "Paid", "Free")
    ]  # fmt: skip


def test_a_review_removed_from_two_pages_alerts_once(store: Store) -> None:
    """The removal's new value is no value (None): the same news all the same."""
    store.add_rule(AlertRule(channel="console", kinds=("review_removed",)), now=T0)

    def without_skeptic(data: dict[str, Any]) -> None:
        data["reviews"] = [
            r for r in data["reviews"] if (r["reviewer"], r["tool_slug"]) != ("Skeptic", MISTRAL)
        ]

    for url in (URL, OTHER_PAGE):
        check_page(store, url, seed(), 0)
    for url in (URL, OTHER_PAGE):
        check_page(store, url, edit(seed(), without_skeptic), 1)
    assert [(a.payload.url, a.payload.new) for a in store.alerts()] == [(URL, None)]


def test_an_edit_alerted_before_a_reparse_is_not_alerted_again_after(store: Store) -> None:
    """`reparse` rebuilds changes under new ids and unlinked the alerts from them, so
    the same edit reaching another page afterwards was taken for news."""
    html = (PAGES / "seed-soup.html").read_bytes()
    edited = html.replace(b">72<", b">48<")  # the Skeptic's score of Mistral Medium 3.2
    store.add_rule(AlertRule(channel="console", kinds=("score",)), now=T0)
    for url in (URL, OTHER_PAGE):
        store_body(store, url, html, fetched_at=T0)
    store_body(store, URL, edited, fetched_at=T0 + timedelta(hours=1))
    reparse(store)
    store_body(store, OTHER_PAGE, edited, fetched_at=T0 + timedelta(hours=2))
    [alert] = store.alerts()
    assert (alert.payload.url, alert.payload.old, alert.payload.new) == (URL, 72, 48)
    linked = store.db.execute(
        "SELECT c.url, c.new FROM alerts a JOIN changes c ON c.id = a.change_id"
    ).fetchall()
    assert linked == [(URL, 48)]


def test_a_page_that_lags_behind_does_not_alert_again(store: Store) -> None:
    """A page checked less often reports a tool's latest value only after other pages
    have, and from an older one: the value is the news, and it was already sent."""
    store.add_rule(AlertRule(channel="console", kinds=("pricing_text",)), now=T0)
    for url in (URL, OTHER_PAGE):
        check_page(store, url, priced("Paid"), 0)
    check_page(store, URL, priced("Free"), 1)
    check_page(store, URL, priced("Free for teams"), 2)
    check_page(store, OTHER_PAGE, priced("Free for teams"), 3)  # "Paid" -> "Free for teams"
    assert alerted(store) == [(URL, "Paid", "Free"), (URL, "Free", "Free for teams")]


def test_only_the_same_field_of_the_same_tool_is_the_same_news(store: Store) -> None:
    store.add_rule(AlertRule(channel="console", kinds=("score",)), now=T0)
    check_page(store, URL, seed(), 0)
    check_page(store, OTHER_PAGE, seed(), 0)
    check_page(store, URL, edit(seed(), skeptic_score(40)), 1)

    def builder_score(data: dict[str, Any]) -> None:
        for review in data["reviews"]:
            if (review["reviewer"], review["tool_slug"]) == ("Builder", MISTRAL):
                review["score"] = 40

    check_page(store, OTHER_PAGE, edit(seed(), builder_score), 2)  # another reviewer, also 40
    assert [(a.payload.url, a.payload.reviewer) for a in store.alerts()] == [
        (URL, "Skeptic"), (OTHER_PAGE, "Builder")
    ]  # fmt: skip


def test_a_rule_that_did_not_alert_on_the_first_page_alerts_on_the_next(
    store: Store,
) -> None:
    store.add_rule(AlertRule(channel="console", kinds=("pricing_text",)), now=T0)
    store.add_rule(
        AlertRule(channel="console", kinds=("pricing_text",), url_pattern="*qwen3*"), now=T0
    )
    for url in (URL, OTHER_PAGE):
        check_page(store, url, priced("Paid"), 0)
    for url in (URL, OTHER_PAGE):
        check_page(store, url, priced("Free"), 1)
    assert [(a.rule_id, a.payload.url) for a in store.alerts()] == [(1, URL), (2, OTHER_PAGE)]


def test_an_alert_that_failed_for_good_does_not_hold_back_the_next_page(
    store: Store, receiver: Receiver
) -> None:
    store.add_rule(AlertRule(channel=receiver.channel, kinds=("pricing_text",)), now=T0)
    for url in (URL, OTHER_PAGE):
        check_page(store, url, priced("Paid"), 0)
    check_page(store, URL, priced("Free"), 1)
    receiver.fail_next = 100
    for hour in range(1, 20):  # 8 tries, backing off up to an hour apart
        deliver(store, hour)
    assert [a.status for a in store.alerts()] == ["failed"]
    receiver.fail_next = 0
    check_page(store, OTHER_PAGE, priced("Free"), 20)
    assert deliver(store, 20).sent == 1
    assert receiver.posts[0][1]["url"] == OTHER_PAGE


def test_one_pricing_edit_on_the_replica_is_one_post_for_its_two_pages(
    store: Store, receiver: Receiver, replica: DemoServer
) -> None:
    store.add_rule(AlertRule(channel=receiver.channel, kinds=("pricing_text",)), now=T0)
    pages = [replica.url + path for path in replica.site.compare_paths()]
    settings = FetchSettings()
    check_round(store, pages, settings=settings, clock=replica.site.now)
    replica.site.tick()  # Lumen SQL's pricing, shown on two of the pages
    check_round(store, pages, settings=settings, clock=replica.site.now)
    assert len(change_feed(store, kinds=("pricing_text",))) == 2
    with Sender(lambda text: None) as sender:
        assert deliver_pending(store, sender, replica.site.now()).sent == 1
    [(_, payload)] = receiver.posts
    assert (payload["tool_slug"], payload["kind"]) == ("lumen-sql", "pricing_text")


def test_verdict_flip_alerts_and_digest_sends_one_message(store: Store, receiver: Receiver) -> None:
    store.add_rule(AlertRule(channel=receiver.channel, digest=True), now=T0)
    check(store, seed(), 0)

    def flip_and_reprice(data: dict[str, Any]) -> None:
        skeptic_score(40)(data)
        for review in data["reviews"]:
            if review["reviewer"] == "Skeptic" and review["tool_slug"] == MISTRAL:
                review["verdict"] = "skip"
        data["tools"][0]["pricing"]["model"] = "Freemium"

    check(store, edit(seed(), flip_and_reprice), 1)
    assert deliver(store, 1).sent == 2
    [(_, digest)] = receiver.posts
    assert sorted(a["kind"] for a in digest["alerts"]) == ["pricing_model", "verdict"]


def test_a_digest_gathers_its_alerts_until_the_first_has_waited(
    store: Store, receiver: Receiver
) -> None:
    """As `run` sends them: it has no rounds, and sent a digest after every check."""
    store.add_rule(AlertRule(channel=receiver.channel, kinds=("score",), digest=True), now=T0)
    store.add_rule(AlertRule(channel=receiver.channel, kinds=("score",)), now=T0)
    check(store, seed(), 0)
    gather = timedelta(minutes=15)

    def deliver_gathered(hours: float) -> int:
        with Sender(lambda text: None) as sender:
            return deliver_pending(store, sender, T0 + timedelta(hours=hours), gather=gather).sent

    check(store, edit(seed(), skeptic_score(60)), 1)
    assert deliver_gathered(1) == 1  # the rule without a digest: at once
    check(store, edit(seed(), skeptic_score(50)), 1 + 10 / 60)
    assert deliver_gathered(1 + 10 / 60) == 1  # the digest's first has waited 10 minutes
    assert deliver_gathered(1 + 15 / 60) == 2  # 15: both, in one message
    assert [len(body.get("alerts", [body])) for _, body in receiver.posts] == [1, 1, 2]
    assert [a["new"] for a in receiver.posts[2][1]["alerts"]] == [60, 50]


def test_markup_noise_and_failed_parses_never_alert(store: Store, receiver: Receiver) -> None:
    store.add_rule(
        AlertRule(
            channel=receiver.channel,
            kinds=tuple(["tool_removed", "review_removed", "pricing_text"]),
        ),
        now=T0,
    )  # type: ignore[arg-type]
    for hours, name in enumerate(("seed-soup.html", "seed-semantic.html")):
        fetch = FetchOutcome(url=URL, fetched_at=T0 + timedelta(hours=hours), status=200)
        store.record_check(fetch, record=seed(), body=(PAGES / name).read_bytes())
    broken = FetchOutcome(url=URL, fetched_at=T0 + timedelta(hours=2), status=200)
    store.record_check(broken, body=b"<html><body>Summary</body></html>", parse_error="layout")
    assert deliver(store, 3).sent == 0
    assert receiver.posts == []


def test_a_watch_that_starts_failing_alerts_once_and_again_when_it_recovers(
    store: Store, receiver: Receiver, replica: DemoServer
) -> None:
    """A restyled page fails every check and its history stops; without an alert nobody
    learns of it until they look at `list`. One alert when the watch is marked failing
    (not one per failed check), one when it reads again; a rule without these kinds, or
    one narrowed to a tool, gets neither."""
    store.add_rule(
        AlertRule(channel=receiver.channel, kinds=("watch_failing", "watch_recovered")), now=T0
    )
    store.add_rule(AlertRule(channel=receiver.channel), now=T0)
    store.add_rule(AlertRule(channel=receiver.channel, kinds=("watch_failing",), tool="x"), now=T0)
    path = replica.site.compare_paths()[0]
    page = replica.url + path
    store.add_watch(page, now=T0)
    settings = FetchSettings()
    check_round(store, [page], settings=settings, clock=replica.site.now)
    replica.site.fault(path, "layout", times=None)
    for _ in range(4):  # failing from the third
        check_round(store, [page], settings=settings, clock=replica.site.now)
    assert deliver(store, 1).sent == 1
    replica.site.clear_faults()
    check_round(store, [page], settings=settings, clock=replica.site.now)
    assert deliver(store, 2).sent == 1
    failing, recovered = (payload for _, payload in receiver.posts)
    assert set(failing) == set(recovered) == PAYLOAD_KEYS
    assert (failing["kind"], failing["url"], failing["to_version"]) == ("watch_failing", page, 1)
    assert "3 failed checks in a row" in failing["new"]
    assert "Panel ship" in failing["new"]  # the parse error says what was missing
    assert recovered["kind"] == "watch_recovered"
    assert failing["new"].endswith(recovered["old"])  # the error it had
    assert recovered["new"] == "not_modified"  # the page as stored: a 304
    assert failing["id"] != recovered["id"]
    [alert] = store.alerts("sent")[:1]
    assert describe(alert.payload).startswith("watch_failing: 3 failed checks in a row; the last:")


def test_alert_queued_by_a_dead_process_goes_out_on_the_next_run(
    tmp_path: Path, receiver: Receiver
) -> None:
    path = tmp_path / "pw.db"
    with Store.open(path) as store:  # this "process" queues the alert and dies unsent
        store.add_rule(AlertRule(channel=receiver.channel), now=T0)
        check(store, seed(), 0)
        check(store, edit(seed(), lambda d: d["tools"][0]["pricing"].update(model="Free")), 1)
        assert len(store.alerts("pending")) == 1
    for expected in ("alerts: 1 sent", "alerts: 0 sent"):
        done = panelwatch_in_process("--db", str(path), "alerts", "--send")
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(expected)
    assert len(receiver.posts) == 1


def test_run_sends_a_digest_of_checks_that_end_apart_as_one_message(
    tmp_path: Path, receiver: Receiver, replica: DemoServer
) -> None:
    """Two due pages whose checks end 1.5 s apart, each with news for a digest rule
    (gathered for 5 s, a margin for a loaded machine):
    `run` delivered after each check, so the digest was two messages."""
    path = tmp_path / "pw.db"
    paths = ["/compare/lumen-sql-vs-patchwork-ci", "/compare/orbit-voice-vs-quillmate-drafts"]
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    with Store.open(path) as store:
        for page in paths:
            store.add_watch(replica.url + page, now=an_hour_ago, every_seconds=1800)
        pages = [replica.url + page for page in paths]
        check_round(store, pages, settings=FetchSettings(), clock=lambda: an_hour_ago)
        kinds = ("pricing_text", "score", "verdict")
        store.add_rule(AlertRule(channel=receiver.channel, kinds=kinds, digest=True), now=T0)
    replica.site.tick()  # Lumen SQL's pricing; Quillmate's Skeptic: score and verdict
    replica.site.fault(paths[1], "slow", seconds=1.5)
    exe = str(Path(sys.executable).parent / "panelwatch")
    command = [exe, "--db", str(path), "run", "--resync", "0.2", "--digest-every", "5s"]
    runner = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not receiver.posts and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.0)  # a second message, if any, would be on its way by now
    finally:
        runner.send_signal(signal.SIGTERM)
        out, err = runner.communicate(timeout=30)
    assert runner.returncode == 0, err
    [(_, digest)] = receiver.posts
    assert sorted(a["kind"] for a in digest["alerts"]) == sorted(kinds), out


def test_run_stopping_says_what_it_has_not_sent(
    tmp_path: Path, receiver: Receiver, replica: DemoServer
) -> None:
    """A digest gathering when `run` stops waits for the next start. It stopped
    without a word, and a user moving to cron never heard of those alerts."""
    path = tmp_path / "pw.db"
    page = replica.url + "/compare/lumen-sql-vs-patchwork-ci"
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    with Store.open(path) as store:
        store.add_watch(page, now=an_hour_ago, every_seconds=1800)
        check_round(store, [page], settings=FetchSettings(), clock=lambda: an_hour_ago)
        store.add_rule(AlertRule(channel=receiver.channel, digest=True), now=T0)
    replica.site.tick()  # Lumen SQL's pricing text
    exe = str(Path(sys.executable).parent / "panelwatch")
    command = [exe, "--db", str(path), "run", "--resync", "0.2", "--digest-every", "1h"]
    runner = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with Store.open(path) as store:
                if store.alerts("pending"):
                    break
            time.sleep(0.05)
    finally:
        runner.send_signal(signal.SIGTERM)
        out, err = runner.communicate(timeout=30)
    assert runner.returncode == 0, err
    assert receiver.posts == []
    assert out.endswith(
        "\n1 alert not sent yet (a digest still gathering, or a delivery to try again):"
        " `panelwatch alerts --send` sends them now (a retry once its wait is over), as does"
        " the next `run` or `check`\nstopped\n"
    ), out


def test_email_through_a_local_smtp_server(store: Store) -> None:
    from aiosmtpd.controller import Controller

    received: list[bytes] = []

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            received.append(envelope.content)
            return "250 OK"

    with socket.socket() as probe:  # the controller checks readiness on a known port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        # a local relay without auth or TLS, as many internal mail servers are
        channel = (
            f"mailto://127.0.0.1:{port}?to=team@example.test&from=pw@example.test&mode=insecure"
        )
        store.add_rule(AlertRule(channel=channel), now=T0)
        check(store, seed(), 0)
        check(store, edit(seed(), lambda d: d["tools"][1]["pricing"].update(model="Free")), 1)
        delivered = deliver(store, 1)
        deadline = time.monotonic() + 10
        while not received and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        controller.stop()
    assert delivered.sent == 1
    [message] = received
    assert b"pricing_model" in message
    assert b"Mistral Medium 3.2" in message


def test_alert_cli_rules_and_console_test(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return panelwatch_in_process("--db", str(tmp_path / "pw.db"), *args)

    added = run("alert", "add", "console", "--kind", "score", "--min-score-delta", "5")
    assert added.stdout.strip() == "rule 1: score; score moves >= 5 -> console"
    assert "rule 1: score" in run("alert", "list").stdout
    sample = run("alert", "test", "console")
    assert sample.returncode == 0
    assert "ALERT panelwatch: pricing_text on Example A" in sample.stdout
    assert run("alert", "remove", "1").returncode == 0
    assert run("alert", "remove", "1").returncode == 1
    assert "no alerts" in run("alerts").stdout


def test_bad_channel_is_a_clear_delivery_error(store: Store) -> None:
    store.add_rule(AlertRule(channel="nosuchservice://x"), now=T0)
    check(store, seed(), 0)
    check(store, edit(seed(), lambda d: d["tools"][0]["pricing"].update(model="Free")), 1)
    assert deliver(store, 1).retrying == 1
    [alert] = store.alerts("pending")
    assert alert.last_error == "nosuchservice://x/…: not a channel URL Apprise understands"


def test_payload_json_has_no_unexpected_types(store: Store, receiver: Receiver) -> None:
    store.add_rule(AlertRule(channel=receiver.channel, kinds=("page_added",)), now=T0)
    check(store, seed(), 0)
    deliver(store, 0)
    [(_, payload)] = receiver.posts
    assert json.loads(json.dumps(payload)) == payload
    assert payload["old"] is None
