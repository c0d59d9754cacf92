"""Compiling an accountability report, claimed so that it runs once.

A compile is a row (AccountabilityReport) first and a message second. The
message carries the row's id only; the worker claims the row with one
conditional UPDATE, so that whatever Celery delivers — the same message twice,
a message redelivered after its worker was killed — the report is compiled
once:

- `queued` rows are claimed by the first worker to get there;
- a `running` row whose heartbeat is older than REPORT_STALE_AFTER seconds
  belonged to a worker that died (SIGKILL, OOM, a lost machine): the next
  delivery takes it over, with a new claim token;
- a `running` row with a fresh heartbeat belongs to a live worker: the message
  is retried later, when it finds the row finished (and does nothing) or
  stale (and takes over);
- `succeeded` and `failed` rows are left alone.

Every write after the claim (progress, result, failure) is conditional on the
claim token, so a worker whose row was taken over stops at its next step
without touching the row again. The claim is jobs/claims.py's, shared with
the exports and imports; beat's reaper (jobs.tasks.requeue_stale_jobs) queues
a compile whose worker died again within minutes.
"""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone, translation

from core.queue import enqueue_on_commit
from reporting import outputs
from reporting.compile import compile_figures
from reporting.models import AccountabilityReport
from reporting.report_language import in_reader_language

from . import claims
from .claims import ClaimLost

__all__ = ["ClaimLost", "claim", "heartbeat", "record_failure", "run_compile", "stale_after", "translate_pdfs"]

logger = logging.getLogger(__name__)
Status = AccountabilityReport.Status

# The compile must finish well inside the broker's visibility timeout (an hour
# by default), or Redis would hand the message to a second worker meanwhile.
SOFT_TIME_LIMIT = 10 * 60
TIME_LIMIT = 11 * 60


def stale_after():
    """Seconds without a heartbeat after which a running compile's worker is
    taken for dead (REPORT_STALE_AFTER, else JOB_STALE_AFTER)."""
    return claims.stale_after(AccountabilityReport)


def claim(report_id, token, now=None):
    """Claim the compile for the worker holding `token`, in one conditional
    UPDATE. Returns True when this worker now owns it, False otherwise."""
    now = now or timezone.now()
    # The first claim fixes the snapshot; a takeover keeps it, so that a
    # retried compile describes the same moment.
    taken = claims.claim(AccountabilityReport, report_id, token, now=now, snapshot_at=Coalesce(F("snapshot_at"), now))
    return taken is not None


def _claim(report_id, token):
    return claims.Claim(AccountabilityReport, report_id, token)


def heartbeat(report_id, token, progress):
    """Record progress, which also proves this worker alive; raise ClaimLost
    when the row is no longer ours."""
    _claim(report_id, token).heartbeat(progress)


def file_names(report, token):
    """Storage names for one attempt's files: a folder per attempt, so two
    attempts never write over each other, and readable file names."""
    folder = f"{_version_folder(report)}/{token[:8]}"
    stem = f"gentrack-accountability-report-{report.cycle.year}{_scope_part(report)}-v{report.version}"
    return {
        "xlsx_file": f"{folder}/{stem}.xlsx",
        "csv_file": f"{folder}/{stem}-csv.zip",
        "html_file": f"{folder}/{stem}.html",
        "pdf_file": f"{folder}/{stem}.pdf",
    }


def pdf_languages():
    """The languages besides the compile's own that the PDF is laid out in
    (REPORT_PDF_LANGUAGES)."""
    known = {code for code, _name in settings.LANGUAGES}
    return [code for code in settings.REPORT_PDF_LANGUAGES if code in known and code != settings.LANGUAGE_CODE]


def _scope_part(report):
    return f"-{report.scope_slug}" if report.is_scoped else ""


def _version_folder(report):
    """Versions are numbered per scope, so a country's version 1 has a folder
    of its own beside the global version 1."""
    scope = f"/{report.scope_slug}" if report.is_scoped else ""
    return f"reports/{report.cycle.year}{scope}/v{report.version}"


def _discard(names):
    for name in names:
        if name and default_storage.exists(name):
            default_storage.delete(name)


def _discard_other_attempts(report, keep):
    """Remove what killed attempts of this version left behind."""
    base = _version_folder(report)
    try:
        folders, _files = default_storage.listdir(base)
    except (FileNotFoundError, NotImplementedError):
        return
    for folder in folders:
        if folder == keep:
            continue
        _folders, files = default_storage.listdir(f"{base}/{folder}")
        _discard(f"{base}/{folder}/{name}" for name in files)


def run_compile(report_id, token):
    """Compile a claimed report: figures, then files, then one conditional
    UPDATE that publishes them. Raises ClaimLost if taken over meanwhile."""
    report = AccountabilityReport.objects.select_related("cycle", "country").get(pk=report_id)
    owner = _claim(report_id, token)

    def on_step(done, total):
        owner.heartbeat(progress=5 + round(65 * done / total))

    owner.heartbeat(progress=1)
    with translation.override(settings.LANGUAGE_CODE):
        figures = compile_figures(
            report.cycle, report.snapshot_at, on_step=on_step, country=report.country_id, region=report.region
        )
        names = file_names(report, token)
        written = []

        def store(field, content):
            stored = default_storage.save(names[field], ContentFile(content))
            written.append(stored)
            return stored

        try:
            files = {"xlsx_file": store("xlsx_file", outputs.render_xlsx(figures))}
            owner.heartbeat(progress=78)
            files["csv_file"] = store("csv_file", outputs.render_csv_zip(figures))
            html = outputs.render_html_document(report, figures)
            files["html_file"] = store("html_file", html.encode("utf-8"))
            owner.heartbeat(progress=85)
            pdf, pdf_unavailable_reason = outputs.render_pdf(html)
            files["pdf_file"] = store("pdf_file", pdf) if pdf else ""
            owner.finish(
                status=Status.SUCCEEDED,
                data=figures,
                pdf_unavailable_reason=pdf_unavailable_reason or "",
                **files,
            )
        except BaseException:
            # Taken over, failed or killed by the soft time limit: this
            # attempt's files are of no use to anyone.
            _discard(written)
            raise
    _discard_other_attempts(report, keep=token[:8])
    if files["pdf_file"] and pdf_languages():
        # The other languages' PDFs follow, a few seconds of layout each, so
        # that the report is out without waiting for them.
        enqueue_on_commit("reporting.translate_report_pdfs", report_id)
    return figures


def translate_pdfs(report_id):
    """Lay the PDF of a succeeded report out in each of pdf_languages() it
    does not have yet, printed from the report's HTML in that language (the
    same stored figures with their row labels looked up again, the
    document's lang and dir, the numbers and dates of that locale), each
    published as soon as it is stored. Safe to deliver twice and to kill
    midway: the next delivery lays out only the languages still missing.
    Returns the languages it added."""
    report = AccountabilityReport.objects.select_related("cycle", "country").get(pk=report_id)
    if report.status != Status.SUCCEEDED or not report.pdf_file:
        return []
    stem = report.pdf_file.name.removesuffix(".pdf")
    added = []
    for language in pdf_languages():
        if language in (report.translated_pdfs or {}):
            continue
        with translation.override(language):
            html = outputs.render_html_document(report, in_reader_language(report.data))
        pdf, _reason = outputs.render_pdf(html)
        if not pdf:
            break
        name = default_storage.save(f"{stem}-{language}.pdf", ContentFile(pdf))
        with transaction.atomic():
            # Under the row's lock, only what the publishing reads: another
            # delivery may have published this language meanwhile.
            locked = (
                AccountabilityReport.objects.select_for_update().only("status", "translated_pdfs").get(pk=report_id)
            )
            if language in locked.translated_pdfs or locked.status != Status.SUCCEEDED:
                _discard([name])
                continue
            locked.translated_pdfs = {**locked.translated_pdfs, language: name}
            locked.save(update_fields=["translated_pdfs"])
        report.translated_pdfs = locked.translated_pdfs
        added.append(language)
    return added


def record_failure(report_id, token, error):
    _claim(report_id, token).fail(error)
