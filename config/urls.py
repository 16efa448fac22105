from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "Agreement tracker: editors"
admin.site.site_title = "Agreement tracker"
admin.site.site_url = "/"

urlpatterns = [
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True)),
    path("admin/", admin.site.urls),
    path("", include("core.urls")),
    path("", include("agreements.urls")),
    path("", include("donors.urls")),
    path("", include("pledges.urls")),
    path("", include("sources.urls")),
]
