"""The commitments CSV written by PostgreSQL's COPY is, byte for byte, the CSV
the Python path writes: same columns, rows, order, filters, permissions and
formula neutralisation. And cursor pages built from values() equal the
serializer's."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection

from api import mixins
from coalitions.models import ActionCoalition, Country, Subdivision, Theme
from commitments.models import Commitment
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory, MakerFactory
from conftest import require_or_skip
from core import spreadsheets, sqlcsv
from reporting.stored_statuses import refresh_stored_statuses
from reporting.tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db

TRICKY = [
    '=HYPERLINK("http://evil", "click")',
    "+SUM(A1)",
    "-5",
    "-1.5e3",
    "- 5",
    " -5",
    "  =1+1",
    "\t\tindented",
    "\r\ncarriage",
    "@import",
    "\uff1dfull-width",
    "\u3000\uff20ideographic space",
    "\u00a0=nbsp",
    "'=already quoted",
    'a "quote", a comma',
    "two\nlines",
    "٣ arabic digit",
    "-٣",
    ".5",
    "plain title",
]


@pytest.fixture
def tricky(member, open_cycle):
    require_or_skip(connection.vendor == "postgresql", "COPY needs PostgreSQL")
    maker = MakerFactory(name="=cmd|' /C calc'!A0")
    kenya, senegal = Country.objects.filter(code__in=["KE", "SN"]).order_by("code")
    places = Subdivision.objects.filter(country__in=[kenya, senegal])[:2]
    coalitions = ActionCoalition.objects.all()[:3]
    stamp = datetime.datetime(2023, 4, 5, 6, 7, 8, tzinfo=datetime.UTC)
    made = []
    for n, title in enumerate(TRICKY):
        commitment = ApprovedCommitmentFactory(
            maker=maker,
            title=title,
            description=TRICKY[-n - 1] if n % 3 else "",
            target_groups=" +x" if n % 2 else "",
            partners="@p" if n % 4 == 0 else "ok",
            scope="local" if n % 2 else "national",
            coalitions=coalitions[: 1 + n % 3],
            countries=[kenya, senegal][: 1 + n % 2],
            is_financial=n % 2 == 0,
            financial_amount_usd=Decimal("1234567.5") if n % 2 == 0 else None,
            is_advocacy=n % 5 == 0,
            start_year=2019,
            end_year=2020 if n % 7 == 0 else 2030,
            published_at=stamp + datetime.timedelta(days=n, microseconds=n * 1001 if n % 2 else 0),
        )
        commitment.places.set(places[: n % 3])
        commitment.themes.set(Theme.objects.all()[: n % 2])
        made.append(commitment)
    # Same published_at: the id breaks the tie in both paths.
    ApprovedCommitmentFactory(maker=maker, title="tie", published_at=stamp)
    ProgressReportFactory(commitment=made[1], cycle=open_cycle, status="accepted")
    ProgressReportFactory(commitment=made[2], cycle=open_cycle, status="submitted")
    CommitmentFactory(maker=member.maker, title="=a member's own draft")
    CommitmentFactory(title="=someone else's draft")
    Commitment.objects.filter(pk=made[3].pk).update(status="withdrawn")
    # Factories write reports behind the services' back: store the statuses
    # the filters read, as the services would.
    refresh_stored_statuses()
    return made


def both_csvs(client, monkeypatch, params):
    copies, copy_csv = [], sqlcsv.copy_csv
    with monkeypatch.context() as patch:
        patch.setattr(mixins.sqlcsv, "copy_csv", lambda *args: copies.append(args) or copy_csv(*args))
        fast = b"".join(client.get("/api/v1/commitments/", {"format": "csv", **params}).streaming_content)
    assert len(copies) == 1  # PostgreSQL wrote it
    with monkeypatch.context() as patch:
        patch.setattr(mixins.sqlcsv, "available", lambda using="default": False)
        python = b"".join(client.get("/api/v1/commitments/", {"format": "csv", **params}).streaming_content)
    return fast, python


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"scope": "local"},
        {"ordering": "title"},
        # Amounts with NULLs last both ways: the row number keeps that order.
        {"ordering": "-financial_amount_usd"},
        {"ordering": "financial_amount_usd"},
        {"reporting_status": "reported"},
        {"coalition": "gender-based-violence"},
    ],
)
def test_copy_csv_equals_the_python_csv_byte_for_byte(anon, tricky, monkeypatch, params):
    fast, python = both_csvs(anon, monkeypatch, params)

    assert fast == python
    assert fast.count(b"\r\n") >= 2  # the header and at least a row


def test_copy_csv_neutralises_every_formula_and_keeps_numbers(anon, tricky, monkeypatch):
    fast, python = both_csvs(anon, monkeypatch, {})

    assert fast == python
    text = fast.decode()
    assert "'=HYPERLINK" in text and "'+SUM(A1)" in text and "'@import" in text
    assert ",-5," in text and ",-1.5e3," in text and "'- 5" in text
    assert "'=cmd|" in text  # the maker's name
    assert "'\uff1dfull-width" in text and "'\u3000\uff20ideographic" in text
    assert "=a member's own draft" not in text and "someone else" not in text


def test_copy_csv_shows_a_member_its_own_drafts_as_the_python_path_does(tricky, maker_client, monkeypatch):
    fast, python = both_csvs(maker_client, monkeypatch, {})

    assert fast == python
    assert "'=a member's own draft" in fast.decode()
    assert "someone else" not in fast.decode()


def test_sql_whitespace_is_pythons():
    assert sqlcsv.WHITESPACE == "".join(chr(c) for c in range(0x110000) if chr(c).isspace())
    assert spreadsheets.neutralise("-٣") == "'-٣"  # only ASCII digits make a plain number


def test_cursor_pages_from_values_equal_the_serializers(anon, tricky, monkeypatch):
    params = {"mode": "cursor", "page_size": 7}
    fast = anon.get("/api/v1/commitments/", params).json()
    with monkeypatch.context() as patch:
        patch.setattr(mixins.ApiViewMixin, "_cursor_mode", staticmethod(lambda request: False))
        slow = anon.get("/api/v1/commitments/", params).json()

    assert fast["results"] == slow["results"]
    assert len(fast["results"]) == 7 and fast["next"]


def test_cursor_pages_go_up_to_a_thousand_rows_and_no_further(anon):
    ApprovedCommitmentFactory.create_batch(3)

    assert anon.get("/api/v1/commitments/", {"mode": "cursor", "page_size": 1000}).status_code == 200
    refused = anon.get("/api/v1/commitments/", {"mode": "cursor", "page_size": 1001})
    assert refused.status_code == 400
    assert "page_size" in refused.json()["errors"]
    # Numbered pages stay at 500: each carries a count and an OFFSET.
    assert anon.get("/api/v1/commitments/", {"page_size": 501}).status_code == 400


def test_a_cursor_page_costs_the_same_queries_whatever_its_size(anon):
    from django.test.utils import CaptureQueriesContext

    ApprovedCommitmentFactory.create_batch(12)
    counts = []
    for size in (2, 12):
        with CaptureQueriesContext(connection) as queries:
            assert (
                len(anon.get("/api/v1/commitments/", {"mode": "cursor", "page_size": size}).json()["results"]) == size
            )
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_copy_csv_costs_the_same_queries_whatever_its_length(anon, open_cycle):
    from django.test.utils import CaptureQueriesContext

    require_or_skip(connection.vendor == "postgresql", "COPY needs PostgreSQL")
    counts = []
    for size in (2, 20):
        ApprovedCommitmentFactory.create_batch(size)
        with CaptureQueriesContext(connection) as queries:
            body = b"".join(anon.get("/api/v1/commitments/", {"format": "csv"}).streaming_content)
        counts.append(len(queries))
        assert body.count(b"\r\n") == 1 + (2 if size == 2 else 22)
    assert counts[0] == counts[1]
