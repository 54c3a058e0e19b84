"""Incident numbers (R-10): short, dictatable, self-checking, normalised on input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.numbering import (
    ALPHABET,
    MAX_LENGTH,
    SEQUENCE_MAX,
    NumberError,
    make_number,
    normalize_number,
    normalize_station,
    parse_number,
)

stations = st.text(alphabet=ALPHABET, min_size=2, max_size=4).filter(lambda s: not s.isdigit())
numbers = st.builds(
    make_number, stations, st.integers(min_value=2000, max_value=2099), st.integers(1, SEQUENCE_MAX)
)


@given(numbers)
def test_every_number_is_at_most_14_characters_of_the_alphabet_and_hyphens(number) -> None:
    """R-10: short enough to dictate; unambiguous symbols only."""
    text = str(number)
    assert len(text) <= MAX_LENGTH == 14
    assert set(text) <= set(ALPHABET) | {"-"}
    assert not set(text) & set("ILOUZ")


@given(numbers)
def test_a_number_reads_back_as_itself(number) -> None:
    assert parse_number(str(number)) == number


@given(numbers, st.data())
def test_any_single_wrong_character_is_detected(number, data) -> None:
    """R-10: a misheard symbol never yields another valid number."""
    text = str(number)
    positions = [i for i, ch in enumerate(text) if ch != "-"]
    i = data.draw(st.sampled_from(positions))
    replacement = data.draw(st.sampled_from([c for c in ALPHABET if c != text[i]]))
    wrong = text[:i] + replacement + text[i + 1 :]
    with pytest.raises(NumberError):
        parse_number(wrong)


@given(numbers, st.data())
def test_any_swap_of_two_adjacent_characters_is_detected(number, data) -> None:
    """R-10: two symbols swapped while typing never yield another valid number."""
    compact = str(number).replace("-", "")
    pairs = [i for i in range(len(compact) - 1) if compact[i] != compact[i + 1]]
    i = data.draw(st.sampled_from(pairs))
    swapped = compact[:i] + compact[i + 1] + compact[i] + compact[i + 2 :]
    with pytest.raises(NumberError):
        parse_number(swapped)


@pytest.mark.parametrize(
    "typed",
    ["NCY-2600042-D", "ncy-2600042-d", "NCY 26 000 42 D", "ncy2600042d", " NCY.2600042.D ", "NCY-26OOO42-D"],
)
def test_typed_variants_are_normalised(typed: str) -> None:
    """Spaces, lower case, missing hyphens and O for 0 are all accepted."""
    assert normalize_number(typed) == "NCY-2600042-D"


def test_number_format_is_station_year_sequence_check() -> None:
    number = make_number("NCY", 2026, 42)
    assert str(number) == "NCY-2600042-D"
    assert number.spoken_groups() == ["NCY", "26", "00", "042", "D"]


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("", "vide"),
        ("NCY-2600042-E", "clé de contrôle"),
        ("NCY-260000042-D", "longueur"),
        ("N-2600042", "longueur"),
        ("NCZ-2600042-D", "Z"),
        ("NCY-26AB042-D", "chiffres"),
    ],
)
def test_a_wrong_number_says_which_check_failed(typed: str, fragment: str) -> None:
    with pytest.raises(NumberError, match=fragment):
        parse_number(typed)


@pytest.mark.parametrize("code", ["A", "ABCDE", "AB-Z", "12", "A+B"])
def test_bad_station_codes_are_refused(code: str) -> None:
    with pytest.raises(NumberError):
        normalize_station(code)


def test_station_codes_are_normalised() -> None:
    assert normalize_station(" ncy ") == "NCY"
    assert normalize_station("mo1") == "M01"


def test_sequence_is_bounded() -> None:
    with pytest.raises(NumberError):
        make_number("NCY", 2026, SEQUENCE_MAX + 1)
    with pytest.raises(NumberError):
        make_number("NCY", 2026, 0)
