from django.urls import path

from public import indexes, views

urlpatterns = [
    path("", views.home, name="home"),
    path("commitments/", views.commitment_list, name="commitment-list"),
    path("commitments/export.csv", views.commitment_export, name="commitment-export"),
    path("commitments/export.xlsx", views.commitment_export_xlsx, name="commitment-export-xlsx"),
    path("commitments/<str:reference>/", views.commitment_detail, name="commitment-detail"),
    path("makers/", indexes.maker_list, name="maker-list"),
    path("makers/<int:pk>/", views.maker_detail, name="maker-detail"),
]
