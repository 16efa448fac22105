from django.urls import path

from pledges import views

app_name = "pledges"
urlpatterns = [
    path("pledges/", views.pledge_list, name="pledge-list"),
    path("pledges/export.csv", views.pledge_export, name="pledge-export"),
    path("pledges/<int:pk>/", views.pledge_detail, name="pledge-detail"),
    path("programmes/", views.programme_list, name="programme-list"),
    path("programmes/export.csv", views.programme_export, name="programme-export"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme-detail"),
]
