from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.endpoints import ENDPOINTS
from api.views import IndexView, deleted_view, detail_view, list_view

app_name = "api"
urlpatterns = [
    path("", IndexView.as_view(), name="index"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"),
        name="docs",
    ),
]
for endpoint in ENDPOINTS:
    key = "<slug:slug>" if endpoint.by_slug else "<int:id>"
    urlpatterns += [
        path(f"{endpoint.name}/", list_view(endpoint), name=f"{endpoint.name}-list"),
        path(f"{endpoint.name}/deleted/", deleted_view(endpoint), name=f"{endpoint.name}-deleted"),
        path(f"{endpoint.name}/{key}/", detail_view(endpoint), name=f"{endpoint.name}-detail"),
    ]
