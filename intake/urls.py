from django.contrib import admin
from django.urls import path

from intake import views

app_name = "intake"
urlpatterns = [
    path("", admin.site.admin_view(views.article_intake), name="article"),
    path("<int:source_id>/", admin.site.admin_view(views.article_sentences), name="sentences"),
    path("<int:source_id>/fact/", admin.site.admin_view(views.suggested_fact), name="fact"),
]
