"""The compile lays the PDF out in each language, and a reader downloads the
one of their language: Arabic right to left with its chart labels whole,
Chinese in a font that has its characters."""

import io
import os

import pytest
from django.utils import translation
from pypdf import PdfReader

from conftest import require_or_skip
from reporting.outputs import TOTAL_LABELS
from reporting.report_language import in_reader_language

from .report_fixture import build_world, compiled_report, make_compiler, weasyprint_works

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(settings, django_capture_on_commit_callbacks):
    require_or_skip(weasyprint_works(), "WeasyPrint needs Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0")
    settings.REPORT_PDF_LANGUAGES = ["en", "ar", "zh-hans"]
    # The other languages follow the compile, once it has committed.
    with django_capture_on_commit_callbacks(execute=True) as queued:
        report = compiled_report(build_world(), make_compiler())
        assert report.translated_pdfs == {}  # the report is out before they are laid out
    assert queued
    report.refresh_from_db()
    return report


def test_a_second_delivery_lays_out_only_the_languages_still_missing(report):
    from jobs.report_compile import translate_pdfs

    assert translate_pdfs(report.pk) == []
    report.translated_pdfs = {"en": report.pdf_file.name}
    report.save(update_fields=["translated_pdfs"])
    # (English is the compile's own, never laid out twice.)
    assert sorted(translate_pdfs(report.pk)) == ["ar", "zh-hans"]


def download(client, report, language):
    with translation.override(language):
        response = client.get(report.download_url("pdf"))
    assert response.status_code == 200
    return response, PdfReader(io.BytesIO(b"".join(response.streaming_content)))


def runs(page):
    """(x on the page, text) of every piece of text, in the order drawn."""
    found = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            found.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def x_of(page, label):
    return next(x for x, text in runs(page) if text == label)


def fonts_of(pdf):
    return {
        str(font.get_object()["/BaseFont"])
        for page in pdf.pages
        for font in page["/Resources"].get("/Font", {}).values()
    }


def test_the_arabic_pdf_reads_right_to_left_with_its_chart_labels_whole(client, report):
    assert report.pdf_language_codes == ["en", "ar", "zh-hans"]
    response, pdf = download(client, report, "ar")
    assert response["Content-Disposition"].endswith('-ar.pdf"')

    with translation.override("ar"):
        makers, commitments = str(TOTAL_LABELS["makers"]), str(TOTAL_LABELS["commitments"])
        coalition_rows = next(t for t in in_reader_language(report.data)["tables"] if t["key"] == "by_coalition")
        coalition_names = [row["label"] for row in coalition_rows["rows"]]
    first = pdf.pages[0]
    # The headline tiles come makers first: on the right in Arabic...
    assert x_of(first, makers) > x_of(first, commitments)
    # ...and on the left in English, from the same figures.
    _response, english = download(client, report, "en")
    assert x_of(english.pages[0], "Commitment makers") < x_of(english.pages[0], "Approved commitments")

    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "…" not in text
    words = set(text.split())
    for name in coalition_names:
        assert set(name.split()) <= words, f"{name!r} is cut in the Arabic PDF"


def test_the_chinese_pdf_is_in_chinese_in_a_font_that_has_its_characters(client, report):
    response, pdf = download(client, report, "zh-hans")
    assert response["Content-Disposition"].endswith('-zh-hans.pdf"')
    with translation.override("zh-hans"):
        assert str(TOTAL_LABELS["makers"]) in pdf.pages[0].extract_text()
    assert any("WenQuanYi" in font or "Noto" in font for font in fonts_of(pdf))


def test_a_language_without_its_own_pdf_gets_the_english_one_and_the_link_says_so(client, report):
    response, pdf = download(client, report, "fr")
    assert response["Content-Disposition"].endswith('-v1.pdf"')
    assert "Commitment makers" in pdf.pages[0].extract_text()
    page = client.get("/fr/reports/").content.decode()
    assert "PDF</a> (Anglais)" in page
    assert "PDF</a> (" not in client.get("/ar/reports/").content.decode()


def measured_width(line, size):
    """The line's width in px by DejaVu Sans's own advance widths (the PDF's
    font); characters it lacks (CJK) are a whole em wide, as in the CJK fonts."""
    from fontTools.ttLib import TTFont

    path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    require_or_skip(os.path.exists(path), "the report's font: apt-get install fonts-dejavu-core")
    font = TTFont(path, lazy=True)
    cmap, metrics, per_em = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    return sum(metrics[cmap[ord(c)]][0] / per_em if ord(c) in cmap else 1.0 for c in line) * size


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("ar", "الاستقلالية الجسدية والصحة والحقوق الجنسية والإنجابية في جميع أنحاء المنطقة العربية"),
        ("zh-hans", "为致力于消除基于性别的暴力的自主妇女权利组织提供资源并加强其能力建设和长期可持续发展"),
        ("ru", "Телесная автономия и сексуальное и репродуктивное здоровье и права во всех регионах"),
    ],
)
def test_chart_labels_wrap_to_lines_that_fit_beside_the_bars_in_the_pdf_font(language, label):
    import re

    from reporting.outputs import CHART_FONT_SIZE, bar_chart_svg

    with translation.override(language):
        svg = str(bar_chart_svg("chart", "title", [(label, 3), ("x", 1)]))
    # The size the lines are measured at is the SVG's own, not the page's CSS,
    # which WeasyPrint does not carry into an SVG.
    assert f'font-size="{CHART_FONT_SIZE}"' in svg.split(">", 1)[0]
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)[:-1]
    assert len(lines) >= 2
    assert "".join(lines).replace(" ", "") == label.replace(" ", "")  # nothing lost
    for line in lines:
        assert measured_width(line, CHART_FONT_SIZE) <= 292, line
