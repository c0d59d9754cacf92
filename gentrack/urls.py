from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("commitments.account_urls")),
    path("my/", include("commitments.workspace_urls")),
    path("api/", include("gentrack.api_urls")),
    path("coalitions/", include("coalitions.urls")),
    path("reports/", include("reporting.urls")),
    path("", include("commitments.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
