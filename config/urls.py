from django.contrib import admin
from django.urls import include, path

from portal.views import favicon
from quality.views import quality_report

admin.site.site_header = "Agreement tracker: editors"
admin.site.site_title = "Agreement tracker"
admin.site.site_url = "/"

handler400 = "core.bad_request.bad_request_view"

urlpatterns = [
    path("favicon.ico", favicon),
    # Before the admin's own URLs, whose catch-all would answer first.
    path("admin/data-quality/", admin.site.admin_view(quality_report), name="data-quality"),
    path("admin/intake/", include("intake.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("", include("portal.urls")),
    path("", include("opendata.urls")),
    path("", include("agreements.urls")),
    path("", include("donors.urls")),
    path("", include("pledges.urls")),
    path("", include("sources.urls")),
    path("", include("provisions.urls")),
]
