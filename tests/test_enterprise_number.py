import pytest

from kmo_reintegratie.enterprise_number import (
    EnterpriseNumberError,
    format_enterprise_number,
    is_blank,
    parse_enterprise_number,
)

# Each satisfies 97 - int(first 8 digits) % 97 == int(last 2 digits), e.g.
# 04031707 % 97 == 96 and 97 - 96 == 1 -> "01".
VALID = ["0403170701", "0202239951", "0417497106", "0123456749", "0207437468", "1000000021"]


@pytest.mark.parametrize("digits", VALID)
def test_valid_numbers_round_trip(digits: str) -> None:
    assert parse_enterprise_number(digits) == digits
    formatted = format_enterprise_number(digits)
    assert formatted == f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"
    assert parse_enterprise_number(formatted) == digits


@pytest.mark.parametrize(
    "text",
    [
        "0403.170.701",
        "0403170701",
        "BE0403170701",
        "BE 0403.170.701",
        "be0403170701",
        "Be 0403 170 701",
        "BE0403.170.701",
        "  0403 170 701  ",
        "0403-170-701",
        "403.170.701",  # old 9-digit form
        "403170701",
        "BE 403.170.701",
    ],
)
def test_accepted_spellings(text: str) -> None:
    assert parse_enterprise_number(text) == "0403170701"


def test_format() -> None:
    assert format_enterprise_number("0403170701") == "0403.170.701"
    assert format_enterprise_number("BE 403170701") == "0403.170.701"


def test_format_rejects_invalid_number() -> None:
    with pytest.raises(EnterpriseNumberError):
        format_enterprise_number("0403170702")


@pytest.mark.parametrize("text", ["0403.170.702", "BE0403170710", "0413170701", "1000000000"])
def test_wrong_check_digits(text: str) -> None:
    with pytest.raises(EnterpriseNumberError) as caught:
        parse_enterprise_number(text)
    assert caught.value.problem == "check_digits"
    message = str(caught.value)
    assert message.startswith("De controlecijfers kloppen niet")
    assert "Controleer op tikfouten." in message


def test_check_digit_message_shows_formatted_number() -> None:
    with pytest.raises(EnterpriseNumberError, match=r"0403\.170\.702"):
        parse_enterprise_number("BE0403170702")


@pytest.mark.parametrize(
    ("text", "count"),
    [("04031707", 8), ("0403.170.70", 9), ("04031707011", 11), ("BE 12", 2), ("BE", 0)],
)
def test_wrong_length(text: str, count: int) -> None:
    with pytest.raises(EnterpriseNumberError) as caught:
        parse_enterprise_number(text)
    assert caught.value.problem == "length"
    expected = "geen" if count == 0 else str(count)
    assert str(caught.value) == f"Een ondernemingsnummer heeft 10 cijfers; u gaf er {expected}."


def test_length_message_matches_brief_example() -> None:
    with pytest.raises(EnterpriseNumberError) as caught:
        parse_enterprise_number("0123.4567")
    assert str(caught.value) == "Een ondernemingsnummer heeft 10 cijfers; u gaf er 8."


def test_nine_digits_starting_with_zero_is_a_missing_digit_not_old_form() -> None:
    with pytest.raises(EnterpriseNumberError) as caught:
        parse_enterprise_number("040317070")
    assert caught.value.problem == "length"


@pytest.mark.parametrize("text", ["2403170701", "9123456789", "BE 5123.456.789"])
def test_wrong_first_digit(text: str) -> None:
    with pytest.raises(EnterpriseNumberError) as caught:
        parse_enterprise_number(text)
    assert caught.value.problem == "first_digit"
    assert "begint met 0 of 1" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("0403.170.7O1", "'O'"),  # letter O instead of zero
        ("NL0403170701", "'N', 'L'"),
        ("0403/170/701", "'/'"),
        ("0403170701BE", "'B', 'E'"),
        ("abc", "'a', 'b', 'c'"),
        ("０４０３", "'０', '４', '３'"),  # full-width digits are not accepted silently
    ],
)
def test_invalid_characters(text: str, shown: str) -> None:
    with pytest.raises(EnterpriseNumberError) as caught:
        parse_enterprise_number(text)
    assert caught.value.problem == "characters"
    assert str(caught.value).endswith(f"Deze tekens horen er niet in: {shown}.")


@pytest.mark.parametrize("text", [None, "", "   ", "...", " . . ", "\t\n"])
def test_blank(text: str | None) -> None:
    assert is_blank(text)
    with pytest.raises(EnterpriseNumberError) as caught:
        parse_enterprise_number(text)
    assert caught.value.problem == "empty"
    assert str(caught.value) == "Er is geen ondernemingsnummer ingevuld."


@pytest.mark.parametrize("text", ["BE", "0", "x", "0403.170.701"])
def test_not_blank(text: str) -> None:
    assert not is_blank(text)


def test_error_is_value_error() -> None:
    with pytest.raises(ValueError):
        parse_enterprise_number("12")
