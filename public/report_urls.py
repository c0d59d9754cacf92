from django.urls import path

from public import reports as views

app_name = "reporting"

urlpatterns = [
    path("", views.report_list, name="report-list"),
    path("<int:year>/", views.report_detail, name="report-detail"),
    path("<int:year>/v<int:version>/<str:file_format>/", views.report_download, name="report-download"),
    path("compiles/<int:pk>/progress/", views.report_progress, name="report-progress"),
]
