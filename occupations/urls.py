from __future__ import annotations

from django.urls import path, register_converter

from occupations import views


class OnetCodeConverter:
    regex = r"\d{2}-\d{4}\.\d{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class SocCodeConverter(OnetCodeConverter):
    regex = r"\d{2}-\d{4}"


register_converter(OnetCodeConverter, "onet")
register_converter(SocCodeConverter, "soc")

urlpatterns = [
    path("", views.home, name="home"),
    path("careers/", views.career_list, name="career_list"),
    path("careers/<onet:code>/", views.career_detail, name="career_detail"),
    path("careers/<soc:soc_code>/", views.career_by_soc, name="career_by_soc"),
    path("careers/<onet:code>/moves/", views.career_moves, name="career_moves"),
    path("careers/<onet:code>/moves/<onet:target>/", views.career_move, name="career_move"),
    path("careers/compare/", views.career_compare, name="career_compare"),
]
