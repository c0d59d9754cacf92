"""The country and region pages: `/countries/` (every country that public
commitments cover), `/countries/<ISO code>/` and `/regions/<slug>/`, with
their downloads.

A page lists exactly the commitments the catalogue shows when filtered by
that country (or by the region's countries), a page at a time with each one's
reporting status, and its CSV and XLSX downloads hold exactly those
commitments. The figures and breakdowns are `reporting.countries`' stored
summary, refreshed by a worker; the lists are paginated like the catalogue.
"""

from django.conf import settings
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from coalitions.models import ActionCoalition, Country, Region
from core import formatting
from public import catalogue, country_reports
from reporting import countries as figures_of
from reporting import focal_points
from reporting.models import ReportingStatus


def region_slug(code):
    return code.replace("_", "-")


def _region_from_slug(slug):
    code = slug.replace("-", "_")
    if code not in Region.values:
        raise Http404
    return code


def _usd(amount):
    return formatting.money(amount or 0)


def _usd_short(amount):
    """Millions and more in words ("US$2 billion"), so the tile's figure fits
    and reads whole in every script; the exact amount is written beneath."""
    return formatting.money_in_words(amount or 0)


@require_GET
def country_index(request):
    rows = figures_of.countries_with_commitments()
    labels = dict(Region.choices)
    by_region = {code: [] for code in Region.values}
    for row in rows:
        by_region[row["region"]].append(row)
    regions = [
        {"code": code, "slug": region_slug(code), "label": labels[code], "countries": by_region[code]}
        for code in Region.values
    ]
    return render(request, "countries/country_index.html", {"regions": regions, "total": len(rows)})


def _country(code):
    if not code.isalpha() or len(code) != 2:
        raise Http404
    return get_object_or_404(Country, code=code.upper())


def _context(request, *, key, codes, title, download_name):
    data = figures_of.figures(key)
    commitments = figures_of.commitments_in(codes)
    page = catalogue.paginate(
        commitments, request.GET, data["commitments"], catalogue.page_url_maker(request.path, request.GET)
    )
    coalition_names = dict(ActionCoalition.objects.values_list("slug", "name"))
    place_names = figures_of.place_names([row["code"] for row in data["by_place"]])
    status_labels = dict(ReportingStatus.choices)
    return {
        "title": title,
        "figures": data,
        "usd_total": _usd_short(data["usd"]),
        "usd_exact": _usd(data["usd"]),
        "by_coalition": [
            {
                "slug": row["code"],
                "name": coalition_names.get(row["code"], row["code"]),
                "commitments": row["commitments"],
            }
            for row in data["by_coalition"]
        ],
        "by_place": [
            {"code": row["code"], "name": place_names.get(row["code"], row["code"]), "commitments": row["commitments"]}
            for row in data["by_place"]
        ],
        "reporting_statuses": [
            {"code": row["code"], "label": status_labels[row["code"]], "commitments": row["commitments"]}
            for row in data["reporting_statuses"]
        ],
        "xlsx_fits": data["commitments"] <= catalogue.XLSX_MAX_ROWS,
        **_maker_lists(data, codes, commitments),
        "leaders": figures_of.leaders_from(codes),
        "page": page,
        "download_name": download_name,
    }


def _maker_lists(data, codes, commitments):
    """The makers based there and those with commitments there: stored with a
    region's figures (over many countries they are the page's slowest part),
    read live for a country."""
    if "makers_based_list" in data:
        return {
            "makers_based": figures_of.stored_makers(data["makers_based_list"]),
            "makers_committed": figures_of.stored_makers(data["makers_committed_list"]),
        }
    return {
        "makers_based": figures_of.makers_based_in(codes),
        "makers_committed": figures_of.makers_committed_in(commitments),
    }


@require_GET
def country_detail(request, code):
    country = _country(code)
    if country.code != code:
        return redirect("country-detail", code=country.code)
    context = _context(
        request,
        key=country.code,
        codes=[country.code],
        title=country.name,
        download_name=f"commitments-{country.code}",
    )
    context |= {
        "country": country,
        "region_slug": region_slug(country.region),
        "csv_url": reverse("country-download", kwargs={"code": country.code, "file_format": "csv"}),
        "xlsx_url": reverse("country-download", kwargs={"code": country.code, "file_format": "xlsx"}),
        "catalogue_url": f"{reverse('commitment-list')}?country={country.code}",
        "focal_points": focal_points.published_focal_points(country.code),
        "compile_url": reverse("country-report-compile", kwargs={"code": country.code}),
    }
    context |= country_reports.report_context(request.user, country=country)
    return render(request, "countries/country_detail.html", context)


@require_GET
def region_detail(request, slug):
    region = _region_from_slug(slug)
    codes = figures_of.country_codes_of(region)
    label = dict(Region.choices)[region]
    context = _context(
        request,
        key=f"region:{region}",
        codes=codes,
        title=label,
        download_name=f"commitments-{slug}",
    )
    countries = [row for row in figures_of.countries_with_commitments() if row["region"] == region]
    context |= {
        "region": region,
        "countries": countries,
        "csv_url": reverse("region-download", kwargs={"slug": slug, "file_format": "csv"}),
        "xlsx_url": reverse("region-download", kwargs={"slug": slug, "file_format": "xlsx"}),
        "compile_url": reverse("region-report-compile", kwargs={"slug": slug}),
    }
    context |= country_reports.report_context(request.user, region=region)
    return render(request, "countries/region_detail.html", context)


def _download(commitments, name, file_format):
    if file_format not in ("csv", "xlsx"):
        raise Http404
    if file_format == "xlsx":
        return catalogue.xlsx_download(commitments, f"gentrack-{name}.xlsx")
    response = StreamingHttpResponse(
        catalogue.csv_lines(commitments, settings.SITE_URL.rstrip("/")), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="gentrack-{name}.{file_format}"'
    return response


@require_GET
def country_download(request, code, file_format):
    country = _country(code)
    return _download(figures_of.commitments_in([country.code]), f"commitments-{country.code}", file_format)


@require_GET
def region_download(request, slug, file_format):
    region = _region_from_slug(slug)
    return _download(figures_of.commitments_in(figures_of.country_codes_of(region)), f"commitments-{slug}", file_format)


# Country and region accountability reports ---------------------------------


@require_POST
def country_report_compile(request, code):
    country = _country(code)
    return country_reports.compile_report(
        request, country=country, back=reverse("country-detail", kwargs={"code": country.code})
    )


@require_POST
def region_report_compile(request, slug):
    region = _region_from_slug(slug)
    return country_reports.compile_report(request, region=region, back=reverse("region-detail", kwargs={"slug": slug}))


@require_GET
def country_report_download(request, code, year, version, file_format):
    return country_reports.download(country=_country(code), year=year, version=version, file_format=file_format)


@require_GET
def region_report_download(request, slug, year, version, file_format):
    region = _region_from_slug(slug)
    return country_reports.download(region=region, year=year, version=version, file_format=file_format)
