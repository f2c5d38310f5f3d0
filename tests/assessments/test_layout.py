from __future__ import annotations

from assessments.layout import interleave, paginate, split_evenly


def _items(section: str, traits: str, per_trait: int) -> list[tuple[str, str, int]]:
    return [(section, trait, n) for trait in traits for n in range(per_trait)]


def test_interleave_deals_one_item_per_trait_per_round():
    items = _items("interests", "RIASEC", 2)
    order = interleave(items, trait=lambda item: item[1])
    assert [item[1] for item in order] == list("RIASEC" * 2)


def test_interleave_never_puts_one_trait_twice_in_a_row_while_others_remain():
    items = _items("s", "AB", 3) + _items("s", "C", 1)
    order = [item[1] for item in interleave(items, trait=lambda item: item[1])]
    assert order == ["A", "B", "C", "A", "B", "A", "B"]


def test_split_evenly_keeps_pages_between_8_and_12_items():
    for count in (12, 24, 30, 32, 48, 60):
        sizes = [len(chunk) for chunk in split_evenly(list(range(count)))]
        assert sum(sizes) == count
        assert all(8 <= size <= 12 for size in sizes), (count, sizes)
    assert [len(chunk) for chunk in split_evenly(list(range(32)))] == [11, 11, 10]
    assert split_evenly([]) == []


def test_pages_never_mix_sections_and_mark_where_a_section_starts():
    items = _items("interests", "RIASEC", 5) + _items("styles", "ABCDEFGH", 4)
    pages = paginate(items, section=lambda item: item[0], trait=lambda item: item[1])
    assert [page.number for page in pages] == list(range(1, len(pages) + 1))
    assert [(page.section, page.starts_section) for page in pages] == [
        ("interests", True),
        ("interests", False),
        ("interests", False),
        ("styles", True),
        ("styles", False),
        ("styles", False),
    ]
    for page in pages:
        assert {item[0] for item in page.items} == {page.section}
    assert sorted(item for page in pages for item in page.items) == sorted(items)


def test_the_order_is_the_same_every_time():
    items = _items("interests", "RIASEC", 5)
    first = paginate(items, section=lambda item: item[0], trait=lambda item: item[1])
    second = paginate(list(items), section=lambda item: item[0], trait=lambda item: item[1])
    assert first == second
