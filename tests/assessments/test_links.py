from __future__ import annotations

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from assessments.links import TOKEN_PAGES, assessment_links
from assessments.queries import TOKEN_PATTERN

# Tokens as the site makes them, and any other text a URL could carry but a "/".
TOKENS = st.from_regex(TOKEN_PATTERN, fullmatch=True) | st.text(
    st.characters(exclude_characters="/", exclude_categories=("Cs",)), min_size=1
)


@given(TOKENS)
def test_every_link_is_what_reversing_it_gives(token):
    links = assessment_links(token)
    assert links == {key: reverse(name, args=[token]) for key, name in TOKEN_PAGES.items()}


def test_a_slash_in_a_token_stays_inside_its_part_of_the_path():
    assert assessment_links("a/b")["results"] == "/assessment/a%2Fb/results/"
