"""French phone numbers, typed or dictated any way, kept in one form and shown the French way."""

from __future__ import annotations

import phonenumbers
from hypothesis import given
from hypothesis import strategies as st

from app.domain.phones import display_french, to_e164


def test_typed_forms_give_one_number() -> None:
    for typed in ("03 83 90 10 00", "0383901000", "+33 3 83 90 10 00", "0033383901000", "03.83.90.10.00"):
        assert to_e164(typed) == "+33383901000"
    assert to_e164("12") is None
    assert to_e164("pas un numéro") is None


def test_display_in_national_form() -> None:
    assert display_french("+33383901000") == "03 83 90 10 00"
    assert display_french("+33612345678") == "06 12 34 56 78"
    assert display_french("+33800123456") == "0 800 12 34 56"  # 08 numbers are grouped differently
    assert display_french("+262262123456").startswith("+262")  # Réunion: its own country code
    assert display_french("n'importe quoi") == "n'importe quoi"


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_display_agrees_with_phonenumbers_for_every_french_number(digits: str) -> None:
    e164 = "+33" + digits
    number = phonenumbers.parse(e164, "FR")
    expected = phonenumbers.format_number(
        number,
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 33
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL,
    )
    assert display_french(e164) == expected
