from django.contrib import admin
from django.urls import path

admin.site.site_header = "Agreement tracker: editors"
admin.site.site_title = "Agreement tracker"

urlpatterns = [
    path("admin/", admin.site.urls),
]
