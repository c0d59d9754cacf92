from django.core.management import call_command

from reporting.models import AccountabilityReport


def test_the_demo_can_start_with_the_last_closed_cycles_report_compiled(db, tmp_path):
    call_command("seed_demo", size=60, with_reports=True, stdout=open(tmp_path / "out.txt", "w"))

    report = AccountabilityReport.objects.get()
    assert report.status == AccountabilityReport.Status.SUCCEEDED
    assert report.data["totals"]["commitments"] > 0
    assert report.xlsx_file and report.csv_file and report.html_file
