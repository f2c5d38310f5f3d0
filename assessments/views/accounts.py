"""Job seekers' accounts: log in (claiming this browser's assessments), sign up, "My results",
privacy controls (delete an assessment, delete the account, download my data), consent to
share with a counselor's group, and withdrawing it.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments import accounts, browser, counseling, my_data, ratelimit, roster
from assessments.account_forms import (
    SHARE_ALL,
    SHARE_SOME,
    AccountDeleteForm,
    ConsentForm,
    LoginForm,
    SignupForm,
)
from assessments.models import CounselingGroup, Membership
from assessments.queries import TOKEN_PATTERN
from assessments.views.common import HtmxHttpRequest, next_url, not_found, takeable, too_many
from careerfit.same_for_all import render_same_for_all


class LoginView(auth_views.LoginView):
    """Django's login, which also claims the assessments started in this browser (and says so
    first). Failed attempts are limited around it, in careerfit/urls.py."""

    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        unclaimed = roster.browser_unclaimed(browser.started_here(self.request.session))
        return {**super().get_context_data(**kwargs), "unclaimed": unclaimed}

    def get_redirect_url(self) -> str:
        wanted = next_url(self.request, "")
        # Back to the login page itself would be a loop for someone already logged in.
        return "" if wanted.partition("?")[0] == self.request.path else wanted

    def form_invalid(self, form: Form) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form: Form) -> HttpResponse:
        response = super().form_valid(form)
        _claim_browser(self.request)
        return response


@sensitive_post_parameters("password1", "password2")
@never_cache
@require_http_methods(["GET", "POST"])
def signup(request: HtmxHttpRequest) -> HttpResponse:
    target = next_url(request, reverse("assessments:my_results"))
    if request.user.is_authenticated:
        return HttpResponseRedirect(target)
    # Each signup can tell whether an email has an account, so strangers get few of them.
    if request.method == "POST" and ratelimit.hit("signup", ratelimit.client_address(request)):
        return too_many(
            request,
            limit="signup",
            title="Too many sign-ups from here",
            message="Many accounts were asked for from your network in the last hour.",
        )
    form = SignupForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            user = accounts.signup(
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for message in problems:
                    form.add_error("password1" if field == "password" else field, message)
        else:
            login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
            messages.success(request, "Welcome to careerfit. Your account is ready.")
            _claim_browser(request)
            return HttpResponseRedirect(target)
    unclaimed = roster.browser_unclaimed(browser.started_here(request.session))
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "next": target, "unclaimed": unclaimed},
        status=400 if form.is_bound else 200,
    )


@never_cache
@login_required
@require_safe
def my_results(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/my_results.html",
        {
            "rows": roster.my_assessments(request.user),
            "memberships": roster.my_memberships(request.user),
            "unclaimed": roster.browser_unclaimed(browser.started_here(request.session)),
        },
    )


@require_POST
@login_required
def claim(request: HttpRequest) -> HttpResponse:
    if not _claim_browser(request):
        messages.info(request, "There were no assessments in this browser to add.")
    return redirect("assessments:my_results")


@never_cache
@login_required
@require_safe
def export(request: HttpRequest) -> HttpResponse:
    data = json.dumps(my_data.my_data(request.user), cls=DjangoJSONEncoder, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="careerfit-my-data.json"'
    return response


@sensitive_post_parameters("password")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            accounts.account_delete(user=request.user, password=form.cleaned_data["password"])
        except ValidationError as error:
            form.add_error("password", error.message_dict["password"])
        else:
            logout(request)
            messages.success(request, "Your account and all your data were deleted.")
            return redirect("home")
    return render(
        request,
        "accounts/account_delete.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def assessment_delete(request: HtmxHttpRequest, token: str) -> HttpResponse:
    assessment = takeable(request, token)
    if assessment is None:
        return not_found(request)
    if request.method == "POST":
        accounts.assessment_delete(assessment=assessment)
        browser.forget(request.session, token)
        messages.success(request, "The assessment, its answers and its results were deleted.")
        if request.user.is_authenticated:
            return redirect("assessments:my_results")
        return redirect("home")
    return render(
        request,
        "accounts/assessment_delete.html",
        {"assessment": assessment, "row": roster.assessment_rows([assessment])[0]},
    )


@never_cache
@require_POST
def assessment_relink(request: HtmxHttpRequest, token: str) -> HttpResponse:
    assessment = takeable(request, token)
    if assessment is None:
        return not_found(request)
    assessment = accounts.assessment_relink(assessment=assessment)
    browser.relinked(request.session, token, assessment)
    messages.success(
        request, "Your private link was replaced. The old one no longer opens this assessment."
    )
    return redirect("assessments:resume", token=assessment.token)


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render_same_for_all(request, "accounts/privacy.html", {})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def join(request: HtmxHttpRequest, code: str) -> HttpResponse:
    keys = (ratelimit.client_address(request), f"account:{request.user.pk}")
    if ratelimit.blocked("invite", *keys):
        return render(
            request,
            "accounts/too_many.html",
            {"minutes": ratelimit.window_minutes("invite")},
            status=429,
        )
    group = roster.group_for_invite(code) if TOKEN_PATTERN.fullmatch(code) else None
    if group is None:
        ratelimit.hit("invite", *keys)
        return render(request, "accounts/invite_not_found.html", status=404)
    if group.counselor_id == request.user.pk:
        return render(request, "accounts/consent.html", {"group": group, "own_group": True})
    membership = Membership.objects.filter(group=group, user=request.user).first()
    return _consent_page(request, group, membership, action=request.path)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def sharing(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    membership = roster.my_active_membership(request.user, pk)
    if membership is None:
        return _no_membership(request)
    return _consent_page(
        request,
        membership.group,
        membership,
        action=reverse("assessments:sharing", args=[pk]),
    )


@require_POST
@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    membership = roster.my_active_membership(request.user, pk)
    if membership is None:
        return _no_membership(request)
    counseling.consent_withdraw(membership=membership)
    messages.success(
        request,
        f"You stopped sharing with {membership.group.name}. "
        f"{roster.display_name(membership.group.counselor)} can no longer see your results.",
    )
    return redirect(reverse("assessments:my_results") + "#sharing")


def _consent_page(
    request: HttpRequest, group: CounselingGroup, membership: Membership | None, *, action: str
) -> HttpResponse:
    choices = roster.finished_choices(request.user)
    initial = {}
    if membership is not None and membership.is_active:
        initial = {
            "share": SHARE_ALL if membership.share_all else SHARE_SOME,
            "assessments": [shared.pk for shared in membership.shared.all()],
        }
    form = ConsentForm(
        request.POST if request.method == "POST" else None, choices=choices, initial=initial
    )
    if form.is_valid():
        picked = [row.assessment for row in choices if row.assessment.pk in form.picked()]
        try:
            counseling.consent_give(
                group=group, user=request.user, share_all=form.share_all, assessments=picked
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                f"You are sharing with {group.name}. You can change or stop that here at any time.",
            )
            return redirect(reverse("assessments:my_results") + "#sharing")
    return render(
        request,
        "accounts/consent.html",
        {
            "group": group,
            "counselor_name": roster.display_name(group.counselor),
            "membership": membership if membership and membership.is_active else None,
            "form": form,
            "action": action,
            "you_name": roster.display_name(request.user),
        },
        status=400 if form.is_bound else 200,
    )


def _no_membership(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/membership_not_found.html", status=404)


def _claim_browser(request: HttpRequest) -> int:
    claimed = accounts.assessments_claim(
        user=request.user, tokens=browser.started_here(request.session)
    )
    # Each one is now this account's or was someone else's already: none is left to claim.
    request.session.pop(browser.SESSION_STARTED, None)
    browser.refresh_current(request.session, request.user.pk)
    if claimed:
        messages.success(
            request,
            f"{claimed} assessment{'s' if claimed != 1 else ''} taken in this browser "
            f"{'were' if claimed != 1 else 'was'} saved to your account.",
        )
    return claimed
