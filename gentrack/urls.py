from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from .health import healthz

admin.site.site_header = _("gentrack secretariat")
admin.site.site_title = _("gentrack secretariat")
admin.site.index_title = _("Review and reporting")
# The review queues are wide tables; the app sidebar would squeeze them.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("my/", include("workspace.urls")),
    path("api/", include("api.urls")),
    path("coalitions/", include("public.coalition_urls")),
    path("reports/", include("public.report_urls")),
    path("", include("public.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# JSON errors under /api/, the site's pages elsewhere.
handler400 = "api.errors.bad_request"
handler403 = "api.errors.permission_denied"
handler404 = "api.errors.page_not_found"
handler500 = "api.errors.server_error"
