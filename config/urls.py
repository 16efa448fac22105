from django.contrib import admin
from django.urls import include, path

from portal.views import favicon

admin.site.site_header = "Agreement tracker: editors"
admin.site.site_title = "Agreement tracker"
admin.site.site_url = "/"

urlpatterns = [
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("", include("portal.urls")),
    path("", include("agreements.urls")),
    path("", include("donors.urls")),
    path("", include("pledges.urls")),
    path("", include("sources.urls")),
    path("", include("provisions.urls")),
]
