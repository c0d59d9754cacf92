"""/my/: the signed-in maker's workspace."""

from django.urls import path

from workspace import focal, views
from workspace import reports as report_views

urlpatterns = [
    path("", views.home, name="my-home"),
    path("commitments/new/", views.commitment_new, name="my-commitment-new"),
    path("commitments/<int:pk>/", views.commitment_detail, name="my-commitment"),
    path("commitments/<int:pk>/edit/", views.commitment_edit, name="my-commitment-edit"),
    path("commitments/<int:pk>/submit/", views.commitment_submit, name="my-commitment-submit"),
    path("commitments/<int:pk>/withdraw/", views.commitment_withdraw, name="my-commitment-withdraw"),
    path("commitments/<int:pk>/amend/", views.commitment_amend, name="my-commitment-amend"),
    path("commitments/<int:pk>/delete/", views.commitment_delete, name="my-commitment-delete"),
    path("commitments/<int:pk>/discard/", views.commitment_discard, name="my-commitment-discard"),
    path("organisations/", views.organisations, name="my-organisations"),
    path("organisations/new/", views.organisation_new, name="my-organisation-new"),
    path("organisations/find/", views.organisation_search, name="my-organisation-search"),
    path("organisations/switch/", views.organisation_switch, name="my-organisation-switch"),
    path("organisations/<int:maker_id>/join/", views.organisation_join, name="my-organisation-join"),
    path("organisations/<int:maker_id>/members/", views.members, name="my-members"),
    path("organisations/<int:maker_id>/members/<int:membership_id>/role/", views.member_role, name="my-member-role"),
    path(
        "organisations/<int:maker_id>/members/<int:membership_id>/remove/",
        views.member_remove,
        name="my-member-remove",
    ),
    path(
        "organisations/<int:maker_id>/requests/<int:request_id>/accept/",
        views.join_request_decide,
        {"decision": "accept"},
        name="my-join-request-accept",
    ),
    path(
        "organisations/<int:maker_id>/requests/<int:request_id>/decline/",
        views.join_request_decide,
        {"decision": "decline"},
        name="my-join-request-decline",
    ),
    path("reports/", report_views.reports, name="my-reports"),
    path("reports/new/<int:commitment_pk>/", report_views.report_new, name="my-report-new"),
    path("reports/<int:pk>/", report_views.report_detail, name="my-report"),
    path("reports/<int:pk>/edit/", report_views.report_edit, name="my-report-edit"),
    path("reports/<int:pk>/submit/", report_views.report_submit, name="my-report-submit"),
    path("countries/", focal.countries, name="my-countries"),
    path("countries/<str:code>/", focal.country, name="my-country"),
    path("countries/<str:code>/makers/", focal.country_makers, name="my-country-makers"),
    path("countries/<str:code>/makers/<int:maker_id>/remind/", focal.country_remind, name="my-country-remind"),
    path("countries/<str:code>/reviews/", focal.country_reviews, name="my-country-reviews"),
    path("countries/<str:code>/export.csv", focal.country_export, name="my-country-export"),
    path("countries/<str:code>/import/", focal.country_import, name="my-country-import"),
    path("countries/<str:code>/import/template/", focal.country_import_template, name="my-country-import-template"),
    path("countries/<str:code>/import/<int:job_id>/", focal.country_import_job, name="my-country-import-job"),
    path(
        "countries/<str:code>/import/<int:job_id>/errors/",
        focal.country_import_errors,
        name="my-country-import-errors",
    ),
]
