"""Job seekers' accounts: log in (claiming this browser's assessments), sign up, "My results",
privacy controls (delete an assessment, delete the account, download my data), consent to
share with a counselor's group, and withdrawing it.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

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
from assessments.views.common import HtmxHttpRequest, not_found, takeable

LOGIN_SCOPE = "login"
INVITE_SCOPE = "invite"


class LoginView(auth_views.LoginView):
    """Django's login with two additions: failed attempts are rate-limited (429), and a
    successful login claims the assessments taken in this browser."""

    form_class = LoginForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        keys = ratelimit.keys_for(request, account=request.POST.get("username", ""))
        if ratelimit.is_blocked(LOGIN_SCOPE, keys):
            form = LoginForm(request, initial={"username": request.POST.get("username", "")})
            context = self.get_context_data(form=form, limited=ratelimit.window_minutes())
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: Form) -> HttpResponse:
        username = self.request.POST.get("username", "")
        ratelimit.record_failure(LOGIN_SCOPE, ratelimit.keys_for(self.request, account=username))
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form: Form) -> HttpResponse:
        response = super().form_valid(form)
        account = ratelimit.keys_for(self.request, account=form.cleaned_data["username"])[1:]
        ratelimit.forget(LOGIN_SCOPE, account)
        _claim_browser(self.request)
        return response


@sensitive_post_parameters("password1", "password2")
@never_cache
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request)
    if request.user.is_authenticated:
        return redirect(next_url)
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
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Welcome to careerfit. Your account is ready.")
            _claim_browser(request)
            return redirect(next_url)
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "next": next_url},
        status=400 if form.is_bound else 200,
    )


@never_cache
@login_required
@require_GET
def my_results(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/my_results.html",
        {
            "rows": roster.my_assessments(request.user),
            "memberships": roster.my_memberships(request.user),
            "unclaimed": roster.browser_unclaimed(browser.remembered(request.session)),
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
@require_GET
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
    browser.forget(request.session, token)
    assessment = accounts.assessment_relink(assessment=assessment)
    browser.remember(request.session, assessment)
    messages.success(
        request, "Your private link was replaced. The old one no longer opens this assessment."
    )
    return redirect("assessments:resume", token=assessment.token)


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/privacy.html")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def join(request: HtmxHttpRequest, code: str) -> HttpResponse:
    keys = ratelimit.keys_for(request, account=request.user.get_username())
    if ratelimit.is_blocked(INVITE_SCOPE, keys):
        return render(
            request,
            "accounts/too_many.html",
            {"minutes": ratelimit.window_minutes()},
            status=429,
        )
    group = roster.group_for_invite(code) if TOKEN_PATTERN.fullmatch(code) else None
    if group is None:
        ratelimit.record_failure(INVITE_SCOPE, keys)
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
        user=request.user, tokens=browser.remembered(request.session)
    )
    browser.refresh_current(request.session, request.user.pk)
    if claimed:
        messages.success(
            request,
            f"{claimed} assessment{'s' if claimed != 1 else ''} taken in this browser "
            f"{'were' if claimed != 1 else 'was'} saved to your account.",
        )
    return claimed


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("assessments:my_results")
