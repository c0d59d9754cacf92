from django.urls import path

from public import countries as views

urlpatterns = [
    path("countries/", views.country_index, name="country-index"),
    path("countries/<str:code>/", views.country_detail, name="country-detail"),
    path(
        "countries/<str:code>/commitments.<str:file_format>",
        views.country_download,
        name="country-download",
    ),
    path("countries/<str:code>/reports/", views.country_report_compile, name="country-report-compile"),
    path(
        "countries/<str:code>/reports/<int:year>/v<int:version>.<str:file_format>",
        views.country_report_download,
        name="country-report-download",
    ),
    path("regions/<slug:slug>/", views.region_detail, name="region-detail"),
    path("regions/<slug:slug>/reports/", views.region_report_compile, name="region-report-compile"),
    path(
        "regions/<slug:slug>/reports/<int:year>/v<int:version>.<str:file_format>",
        views.region_report_download,
        name="region-report-download",
    ),
    path("regions/<slug:slug>/commitments.<str:file_format>", views.region_download, name="region-download"),
]
