"""Request and response rules that hold for every URL of the site."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# Nothing on the site uses these browser features; a page (or anything injected into it) that
# asks for them is refused by the browser.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class RequestBodyLimitMiddleware:
    """Refuse a request body larger than DATA_UPLOAD_MAX_MEMORY_SIZE before it is read (413).

    Django's own limit leaves the file parts of a multipart body out of its count; this one
    counts the whole body, and NoFileUploads refuses any file part that fits in it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            # Runs before the htmx middleware, so the header is read here.
            partial = "#message" if request.headers.get("HX-Request") == "true" else ""
            message = "What you sent is larger than this site accepts, so nothing was saved."
            return render(request, f"400.html{partial}", {"message": message}, status=413)
        return self.get_response(request)


class FileRefused(BadRequest):
    """A file in a request: no form of this site takes one (handler400 says so)."""


class NoFileUploads(FileUploadHandler):
    """The only upload handler (FILE_UPLOAD_HANDLERS): a file part ends the request with 400."""

    def new_file(self, *args: object, **kwargs: object) -> None:
        raise FileRefused("This site does not take files.")

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        return None

    def file_complete(self, file_size: int) -> None:
        return None


def permissions_policy(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware
