"""The quiz: start, answer page by page (autosaved with htmx), resume by link, review, finish.

Every page works as plain HTML forms. With htmx each radio posts its answer to `answer` and
the response is the item's status line plus the progress bar (out of band). Refused input gets
a 4xx status and, for htmx, a fragment; htmx swaps those statuses because
`assessments/quiz.js` says so in `htmx.config.responseHandling`.

Once an assessment belongs to an account only its owner gets past `takeable`; everyone else
gets the same 404 as for a token that does not exist. The views remember the assessment in the
session, so the career pages can show its FIT; only an assessment started in this browser is
claimed when someone logs in here (assessments/browser.py).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import reswap, retarget

from assessments import browser, layout, queries, ratelimit, services
from assessments.forms import AnswerForm, EmailLinkForm, StartForm
from assessments.models import Assessment
from assessments.views.common import (
    HtmxHttpRequest,
    next_url,
    not_found,
    problem,
    takeable,
    too_many,
)
from careerfit.middleware import FileRefused


@require_http_methods(["GET", "POST"])
def start(request: HtmxHttpRequest) -> HttpResponse:
    questionnaire = queries.questionnaire_current()
    form = StartForm(request.POST if request.method == "POST" else None)
    if questionnaire is None:
        return render(request, "assessments/start.html", {"form": form}, status=503)
    if form.is_valid():
        # Tokens are free to make; a client making them by the hundred is not a person.
        if ratelimit.hit("start", ratelimit.client_address(request)):
            return too_many(
                request,
                limit="start",
                title="Too many assessments started from here",
                message="Many assessments were started from your network in the last hour.",
            )
        assessment = services.assessment_start(
            questionnaire=questionnaire,
            form=form.cleaned_data["form"],
            user=request.user if request.user.is_authenticated else None,
        )
        browser.remember(request.session, assessment, started=True)
        return redirect("assessments:page", token=assessment.token, number=1)
    return render(
        request,
        "assessments/start.html",
        {"form": form, "options": queries.form_options(questionnaire)},
        status=400 if form.is_bound else 200,
    )


@never_cache
@require_safe
def resume(request: HtmxHttpRequest, token: str) -> HttpResponse:
    assessment = takeable(request, token)
    if assessment is None:
        return not_found(request)
    browser.remember(request.session, assessment)
    if assessment.is_finished:
        return redirect("assessments:results", token=token)
    missing = queries.quiz_for(assessment).missing
    if not missing:
        return redirect("assessments:finish", token=token)
    number, item = missing[0]
    return redirect(_item_url(token, number, item.key))


@never_cache
@require_http_methods(["GET", "POST"])
def page(request: HtmxHttpRequest, token: str, number: int) -> HttpResponse:
    assessment = takeable(request, token)
    if assessment is None:
        return not_found(request)
    browser.remember(request.session, assessment)
    if assessment.is_finished and request.method == "GET":
        return redirect("assessments:results", token=token)
    quiz = queries.quiz_for(assessment)
    shown = quiz.page(number)
    if shown is None:
        return problem(
            request,
            assessment,
            status=404,
            title="There is no such page",
            message=f"This assessment has {len(quiz.pages)} pages of questions.",
        )
    submitted: dict[str, str] = {}
    errors: dict[str, str] = {}
    skipped: list[queries.QuizItem] = []
    if request.method == "POST":
        # Unanswered items are simply absent; only this page's items are read.
        submitted = {
            item.key: request.POST[item.key] for item in shown.items if request.POST.get(item.key)
        }
        try:
            services.answers_save(assessment=assessment, values=submitted)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                return _refused(request, assessment, error)
            errors = {key: messages_[0] for key, messages_ in error.message_dict.items()}
        else:
            skipped = _skipped(shown, submitted) if request.POST.get("action") == "next" else []
            if not skipped:
                return _after_page(request, token, number, len(quiz.pages))
            # Pointed out once, before moving on; "Move on without them" goes on regardless.
            quiz = queries.quiz_for(assessment)
    current = quiz.page(number, submitted=submitted, errors=errors)
    return render(
        request,
        "assessments/page.html",
        {
            **_quiz_context(request, assessment),
            "quiz": quiz,
            "page": current,
            "section": quiz.sections[current.section],
            "answered": quiz.answered,
            "total": quiz.total,
            "errors": errors,
            "skipped": skipped,
        },
        status=400 if errors else 200,
    )


@never_cache
@require_POST
def answer(request: HtmxHttpRequest, token: str) -> HttpResponse:
    assessment = takeable(request, token)
    if assessment is None:
        return not_found(request)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        return _refused(request, assessment, ValidationError(first, code="invalid"))
    item_key = form.cleaned_data["item"]
    try:
        saved = services.answer_save(
            assessment=assessment, item_key=item_key, value=form.cleaned_data["value"]
        )
    except ValidationError as error:
        return _refused(request, assessment, error)
    if request.htmx:
        return render(
            request,
            "assessments/page.html#saved",
            {
                "answer": saved.answer,
                "answered": saved.answered,
                "total": len(queries.form_items_by_key(assessment)),
                "oob": True,
            },
        )
    number = queries.quiz_for(assessment).page_of(item_key) or 1
    return redirect(_item_url(token, number, item_key))


@never_cache
@require_http_methods(["GET", "POST"])
def finish(request: HtmxHttpRequest, token: str) -> HttpResponse:
    assessment = takeable(request, token)
    if assessment is None:
        return not_found(request)
    if assessment.is_finished:
        return redirect("assessments:results", token=token)
    refused = False
    if request.method == "POST":
        try:
            services.assessment_finish(assessment=assessment)
        except ValidationError:
            # The page lists the missing statements by text; their keys would mean nothing here.
            refused = True
        else:
            return redirect("assessments:results", token=token)
    quiz = queries.quiz_for(assessment)
    return render(
        request,
        "assessments/review.html",
        {
            **_quiz_context(request, assessment),
            "quiz": quiz,
            "missing": quiz.missing,
            "quality": None if quiz.missing else quiz.quality(),
            "refused": refused,
        },
        status=400 if refused else 200,
    )


@never_cache
@require_safe
def done(request: HtmxHttpRequest, token: str) -> HttpResponse:
    # The old "finished" page: its links (in emails, bookmarks) lead to the results now.
    assessment = takeable(request, token)
    if assessment is None:
        return not_found(request)
    if not assessment.is_finished:
        return redirect("assessments:finish", token=token)
    return redirect("assessments:results", token=token)


@never_cache
@require_http_methods(["GET", "POST"])
def email_link(request: HtmxHttpRequest, token: str) -> HttpResponse:
    assessment = takeable(request, token)
    if assessment is None:
        return not_found(request)
    form = EmailLinkForm(request.POST if request.method == "POST" else None)
    context = {**_quiz_context(request, assessment), "email_form": form}
    status = 400 if form.is_bound else 200
    if form.is_valid():
        try:
            services.resume_link_send(
                assessment=assessment,
                email=form.cleaned_data["email"],
                url=context["resume_url"],
                client=ratelimit.client_address(request),
            )
        except ValidationError as refused:
            context["problem"], status = refused.messages[0], 429
        except services.MailNotSent:
            context["problem"] = "We could not send the email just now. Please copy the link."
            status = 503
        else:
            if request.htmx:
                return render(request, "assessments/email_link.html#email_status", {"sent": True})
            # The address is not repeated: messages live in a cookie, and we keep no address.
            messages.success(
                request,
                "We emailed you the link. If it does not arrive soon, check your spam folder.",
            )
            resume_path = reverse("assessments:resume", args=[assessment.token])
            return HttpResponseRedirect(next_url(request, resume_path, under=resume_path))
    template = "assessments/email_link.html" + ("#email_status" if request.htmx else "")
    return render(request, template, context, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: a plain explanation (a fragment for htmx) instead of Django's bare page."""
    if isinstance(exception, RequestDataTooBig):
        message = "What you sent is larger than this site accepts, so nothing was saved."
    elif isinstance(exception, FileRefused):
        message = "This site does not take files, so nothing was saved."
    else:
        message = "Your browser sent a request this site could not read, so nothing was saved."
    htmx = getattr(request, "htmx", None)
    return render(
        request, "400.html" + ("#message" if htmx else ""), {"message": message}, status=400
    )


def _skipped(
    shown: layout.Page[queries.QuizItem], submitted: dict[str, str]
) -> list[queries.QuizItem]:
    """This page's statements with no answer, neither saved before nor just sent."""
    return [item for item in shown.items if item.value is None and item.key not in submitted]


def _after_page(request: HttpRequest, token: str, number: int, pages: int) -> HttpResponse:
    action = request.POST.get("action", "next")
    if action == "back":
        return redirect("assessments:page", token=token, number=max(1, number - 1))
    if action == "later":
        messages.success(
            request,
            "Your answers are saved. Use the link below to continue later, on this or another "
            "device.",
        )
        return redirect(reverse("assessments:page", args=[token, number]) + "#resume")
    # "next", or "skip" after the unanswered statements were pointed out.
    if number < pages:
        return redirect("assessments:page", token=token, number=number + 1)
    return redirect("assessments:finish", token=token)


def _quiz_context(request: HttpRequest, assessment: Assessment) -> dict[str, object]:
    return {
        "assessment": assessment,
        "token": assessment.token,
        "resume_url": request.build_absolute_uri(
            reverse("assessments:resume", args=[assessment.token])
        ),
        "email_form": EmailLinkForm(),
    }


def _item_url(token: str, number: int, item_key: str) -> str:
    return reverse("assessments:page", args=[token, number]) + f"#item-{item_key}"


def _refused(
    request: HtmxHttpRequest, assessment: Assessment, error: ValidationError
) -> HttpResponse:
    finished = getattr(error, "code", None) == "finished"
    status = 409 if finished else 400
    message = error.messages[0]
    if not request.htmx:
        return problem(
            request, assessment, status=status, title="Your answer was not saved", message=message
        )
    context = {"message": f"Not saved: {message}"}
    if finished:
        context |= {
            "link_url": reverse("assessments:results", args=[assessment.token]),
            "link_text": "See your results",
        }
    response = render(request, "assessments/problem.html#message", context, status=status)
    if finished:
        # Concerns the whole assessment, not the item that was clicked.
        reswap(retarget(response, "#quiz-alert"), "innerHTML")
    return response
