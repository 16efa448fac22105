from django.urls import path

from opendata import feeds, views

app_name = "opendata"
urlpatterns = [
    path("data/", views.data, name="data"),
    path("data/releases/", views.release_list, name="release-list"),
    path("data/releases/latest/", views.latest_release, name="release-latest"),
    path("data/releases/<int:number>/", views.release_detail, name="release"),
    path("data/releases/<int:number>/SHA256SUMS", views.release_checksums, name="release-checksums"),
    path("data/releases/<int:number>/<str:name>", views.release_download, name="release-file"),
    path("feeds/agreements/", feeds.NewAgreementsFeed(), name="feed-agreements"),
    path("feeds/milestones/", feeds.NewMilestonesFeed(), name="feed-milestones"),
    path("feeds/corrections/", feeds.CorrectionsFeed(), name="feed-corrections"),
]
