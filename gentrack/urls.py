from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from .health import healthz
from .switch import switch_language

admin.site.site_header = _("gentrack secretariat")
admin.site.site_title = _("gentrack secretariat")
admin.site.index_title = _("Review and reporting")
# The review queues are wide tables; the app sidebar would squeeze them.
admin.site.enable_nav_sidebar = False

# One address for every language (core.languages.UNPREFIXED_PATHS): the API
# and the health check choose by Accept-Language, the switch by its argument.
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/switch/<str:language>/", switch_language, name="switch-language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("api.urls")),
]

# The pages, with their language in the address: /fr/commitments/, /ar/my/;
# English keeps the addresses it always had (no prefix).
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("my/", include("workspace.urls")),
    path("coalitions/", include("public.coalition_urls")),
    path("reports/", include("public.report_urls")),
    path("", include("public.country_urls")),
    path("", include("public.urls")),
    prefix_default_language=False,
)

# No route serves MEDIA_ROOT, not even in debug: uploads, exports, import
# error reports and report files are handed out only by the views that check
# who may have them (report downloads, the admin's export and import views).

# JSON errors under /api/, the site's pages elsewhere.
handler400 = "api.errors.bad_request"
handler403 = "api.errors.permission_denied"
handler404 = "api.errors.page_not_found"
handler500 = "api.errors.server_error"
