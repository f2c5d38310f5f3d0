"""The counselor workspace: groups with invite links, each group's roster and summary (search,
sort and filter: live with htmx, plain GET without), the CSV export, one shared result with the
counselor's private notes, and its print version.

Non-counselors get 403 (the area exists, nothing about its contents is revealed); a group, result
or note the counselor may not see is a 404, the same as one that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments import access, counseling, roster, roster_order
from assessments.account_forms import GroupForm, NoteForm, RosterFilterForm
from assessments.models import CounselingGroup, Result
from assessments.views.common import HtmxHttpRequest
from assessments.views.results import render_results

View = Callable[..., HttpResponse]
# Rows on one page of a roster; the summary above it always covers every member.
ROSTER_PER_PAGE = 50


def counselor_required(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not access.is_counselor(request.user):
            raise PermissionDenied(
                "This part of careerfit is for counselors. If you are one, ask the site's "
                "administrators to give your account counselor access."
            )
        return view(request, *args, **kwargs)

    return wrapped


@never_cache
@require_safe
@counselor_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "counselors/dashboard.html",
        {"groups": roster.counselor_groups(request.user), "form": GroupForm()},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@counselor_required
def group_create(request: HttpRequest) -> HttpResponse:
    form = GroupForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            group = counseling.group_create(counselor=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Group {group.name} created. Share its invite link below.")
            return redirect("assessments:counselor_group", pk=group.pk)
    return render(
        request, "counselors/group_new.html", {"form": form}, status=400 if form.is_bound else 200
    )


@never_cache
@require_safe
@counselor_required
def group(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    found = _own_group(request, pk)
    form = RosterFilterForm(request.GET)
    valid = form.is_valid()
    rows = roster.group_roster(found)
    shown = roster_order.arrange(
        rows,
        q=form.value_of("q"),
        status=form.value_of("status"),
        holland=form.value_of("holland"),
        sort=form.value_of("sort") or "name",
    )
    page = Paginator(shown, ROSTER_PER_PAGE).get_page(form.value_of("page") or 1)
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    context = {
        "group": found,
        "form": form,
        "rows": page.object_list,
        "page": page,
        "matching": len(shown),
        "total": len(rows),
        "withdrawn": 0 if rows else roster.withdrawn_count(found),
        "narrowed": len(shown) != len(rows),
        "summary": roster.summary(rows),
        "invite_url": request.build_absolute_uri(
            reverse("assessments:join", args=[found.invite_code])
        ),
        "oob_status": partial,
    }
    template = "counselors/group.html" + ("#roster" if partial else "")
    response = render(request, template, context, status=200 if valid else 400)
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_POST
@counselor_required
def invite_rotate(request: HttpRequest, pk: int) -> HttpResponse:
    found = _own_group(request, pk)
    counseling.invite_rotate(group=found)
    messages.success(
        request, "The group has a new invite link. The old one no longer works; members stay."
    )
    return redirect(reverse("assessments:counselor_group", args=[pk]) + "#invite")


@never_cache
@require_safe
@counselor_required
def roster_csv(request: HttpRequest, pk: int) -> HttpResponse:
    found = _own_group(request, pk)
    # Everyone, by name, whatever the page's filters: the file is the group's record.
    response = StreamingHttpResponse(
        roster.roster_csv_lines(found), content_type="text/csv; charset=utf-8"
    )
    filename = f"{slugify(found.name) or 'group'}-roster.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@require_safe
@counselor_required
def result(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _result_page(request, shared_result(request, pk), NoteForm())


@require_POST
@counselor_required
def note_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    shared = shared_result(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            counseling.note_add(
                author=request.user, assessment=shared.assessment, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(request, "Note saved.")
            return redirect(reverse("assessments:counselor_result", args=[pk]) + "#notes")
    return _result_page(request, shared, form, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
@counselor_required
def note_edit(request: HttpRequest, pk: int) -> HttpResponse:
    note = roster.my_note(request.user, pk)
    if note is None:
        raise Http404("No such note.")
    form = NoteForm(request.POST if request.method == "POST" else None, instance=note)
    if form.is_valid():
        try:
            counseling.note_edit(note=note, author=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(request, "Note updated.")
            url = reverse("assessments:counselor_result", args=[note.assessment_id])
            return redirect(f"{url}#note-{note.pk}")
    return render(
        request,
        "counselors/note_edit.html",
        {"form": form, "note": note},
        status=400 if form.is_bound else 200,
    )


def _result_page(
    request: HtmxHttpRequest,
    shared: Result,
    note_form: NoteForm | None,
    *,
    template: str = "counselors/result.html",
    status: int = 200,
) -> HttpResponse:
    pk = shared.assessment_id
    return render_results(
        request,
        shared,
        template=template,
        results_url=reverse("assessments:counselor_result", args=[pk]),
        context={
            **_about(request, shared),
            "shared_view": True,
            # Career moves and comparisons use the client's FIT through this id.
            "client_id": pk,
            "notes": roster.my_notes(request.user, shared.assessment),
            "note_form": note_form,
        },
        status=status,
    )


def _about(request: HttpRequest, shared: Result) -> dict[str, object]:
    owner = shared.assessment.user
    return {
        "result": shared,
        "person": roster.display_name(owner),
        "person_email": owner.email,
        "via": roster.sharing_memberships(request.user, shared.assessment),
    }


def _own_group(request: HttpRequest, pk: int) -> CounselingGroup:
    found = roster.counselor_group(request.user, pk)
    if found is None:
        raise Http404("No such group.")
    return found


def shared_result(request: HttpRequest, pk: int) -> Result:
    shared = roster.counselor_result(request.user, pk)
    if shared is None:
        raise Http404("No such result.")
    return shared
