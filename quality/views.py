from django.contrib import admin
from django.template.response import TemplateResponse

from quality.checks import CHECKS
from quality.waivers import WaiverFileError, build_report


def quality_report(request):
    """The editors' page: every finding by check, what to fix first, then what is waived."""
    error = None
    try:
        report = build_report()
    except WaiverFileError as problem:
        error = f"The waivers file cannot be read, so nothing is waived: {problem}"
        report = build_report(waivers=[])
    sections = []
    for name, (title, _check) in CHECKS.items():
        rows = [(finding, None) for finding in report.unwaived if finding.check == name]
        rows += [(finding, waiver) for finding, waiver in report.waived if finding.check == name]
        sections.append({"name": name, "title": title, "rows": rows})
    context = {
        **admin.site.each_context(request),
        "title": "Data-quality report",
        "report": report,
        "sections": sections,
        "error": error,
    }
    return TemplateResponse(request, "admin/quality/report.html", context)
