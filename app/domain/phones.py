"""French phone numbers: one canonical form (E.164) whatever way it was typed or dictated."""

from __future__ import annotations

# ``phonenumbers`` (25 ms to import) is imported by the functions, at the first number handled rather than
# at every start.


def to_e164(raw: str, region: str = "FR") -> str | None:
    """``03 83 90 10 00``, ``0383901000``, ``+33 3 83 90 10 00``, ``0033383901000`` → ``+33383901000``.

    Returns None when the text is not a plausible phone number.
    """
    text = raw.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    digits = sum(ch.isdigit() for ch in text)
    if digits < 9 or digits > 15:
        return None
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_french(e164: str) -> str:
    """``+33383901000`` → ``03 83 90 10 00`` (national format for French numbers)."""
    if len(e164) == 12 and e164.startswith("+33") and e164[3:].isdigit() and e164[3] in "1234679":
        # Geographic, mobile and 09 French numbers: a leading 0, then five pairs (08 numbers are written
        # « 0 800 12 34 56 »: phonenumbers knows those).
        national = "0" + e164[3:]
        return " ".join(national[i : i + 2] for i in range(0, 10, 2))
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, "FR")
    except phonenumbers.NumberParseException:
        return e164
    if number.country_code == 33:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
