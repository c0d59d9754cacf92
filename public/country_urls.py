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
    path("regions/<slug:slug>/", views.region_detail, name="region-detail"),
    path("regions/<slug:slug>/commitments.<str:file_format>", views.region_download, name="region-download"),
]
