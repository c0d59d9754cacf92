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
    path("", include("public.country_urls")),
    path("", include("public.urls")),
]

# No route serves MEDIA_ROOT, not even in debug: uploads, exports, import
# error reports and report files are handed out only by the views that check
# who may have them (report downloads, the admin's export and import views).

# JSON errors under /api/, the site's pages elsewhere.
handler400 = "api.errors.bad_request"
handler403 = "api.errors.permission_denied"
handler404 = "api.errors.page_not_found"
handler500 = "api.errors.server_error"
