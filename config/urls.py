from django.contrib import admin
from django.urls import include, path

from core.views import favicon

admin.site.site_header = "Agreement tracker: editors"
admin.site.site_title = "Agreement tracker"
admin.site.site_url = "/"

handler400 = "core.bad_request.bad_request_view"

urlpatterns = [
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("", include("core.urls")),
    path("", include("agreements.urls")),
    path("", include("donors.urls")),
    path("", include("pledges.urls")),
    path("", include("sources.urls")),
]
