from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from core.downloads import csv_download
from core.lists import render_list
from sources.exports import SOURCES
from sources.filters import SourceFilter
from sources.models import Citation, Source


def source_list(request):
    return render_list(
        request,
        "sources/source_list.html",
        filterset_class=SourceFilter,
        queryset=Source.objects.annotate(citation_count=Count("citations")).order_by(
            "-published_on", "title", "pk"
        ),
    )


def source_detail(request, pk):
    source = get_object_or_404(Source, pk=pk)
    citations = Citation.objects.filter(source=source).select_related(*Citation.FACT_PARENTS)
    return render(request, "sources/source_detail.html", {"source": source, "citations": citations})


def source_export(request):
    return csv_download(request, SOURCES, filterset_class=SourceFilter)
